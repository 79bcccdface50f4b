/**
 * Encoding session data as typed JSON that brings every value back as the Java type it was stored
 * as, without ever loading a class outside the supported types and the configured allow-list.
 */
package org.cloakroom.codec;
