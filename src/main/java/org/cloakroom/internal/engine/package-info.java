/**
 * Internal, not an API (it may change in any release): the engines.
 * {@link org.cloakroom.internal.engine.BaseSession} holds every session rule once, without any
 * container; each engine implements the storage contract ({@link org.cloakroom.spi.SessionEngine})
 * in one class: {@code db} {@link org.cloakroom.internal.engine.DatabaseEngine}, {@code cache}
 * {@link org.cloakroom.internal.engine.CacheEngine}, {@code cached_db}
 * {@link org.cloakroom.internal.engine.CachedDatabaseEngine}, {@code file}
 * {@link org.cloakroom.internal.engine.FileEngine}, {@code signed_cookies}
 * {@link org.cloakroom.internal.engine.SignedCookieEngine}.
 * {@link org.cloakroom.internal.engine.RequestHandshake} is where the HTTP layer and a request's
 * session meet. Uses the API, the SPI, the codec, the settings groups, the events and the JPA
 * entity; never the CDI or HTTP layers.
 */
package org.cloakroom.internal.engine;
