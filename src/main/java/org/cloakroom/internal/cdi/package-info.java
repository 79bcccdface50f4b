/**
 * Internal, not an API (it may change in any release): the CDI wiring. The producer of the
 * {@code Session} applications inject (a facade over the request's session, which the filter's
 * handshake holds), the modification-tracking interceptor, the services resolved once per
 * deployment (settings, codec, engine), the store for use outside requests, the suspension of the
 * caller's JTA transaction around the db engine's statements, and the extension that validates the
 * settings at deployment.
 */
package org.cloakroom.internal.cdi;
