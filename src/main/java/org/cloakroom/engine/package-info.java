/**
 * Engines: {@link org.cloakroom.engine.BaseSession} holds every session rule once, without any
 * container; each engine implements the storage contract ({@link org.cloakroom.spi.SessionEngine})
 * in one class: {@code db} {@link org.cloakroom.engine.DatabaseEngine}, {@code cache}
 * {@link org.cloakroom.engine.CacheEngine}, {@code cached_db}
 * {@link org.cloakroom.engine.CachedDatabaseEngine}, {@code file}
 * {@link org.cloakroom.engine.FileEngine}, {@code signed_cookies}
 * {@link org.cloakroom.engine.SignedCookieEngine}. {@link org.cloakroom.engine.RequestHandshake}
 * is where the HTTP layer and a request's session meet. Uses the API, the SPI, the codec, the
 * settings groups, the events and the JPA entity; never the CDI or HTTP layers.
 */
package org.cloakroom.engine;
