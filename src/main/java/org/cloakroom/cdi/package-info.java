/**
 * CDI wiring: the request-scoped session producer, the modification-tracking interceptor, the
 * settings/codec/engine producers, the store for use outside requests and the extension that
 * validates the settings at deployment.
 */
package org.cloakroom.cdi;
