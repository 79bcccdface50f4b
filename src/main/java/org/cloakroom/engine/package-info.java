/**
 * Engines: {@link org.cloakroom.engine.BaseSession} holds every session rule once;
 * {@link org.cloakroom.engine.SessionEngine} is the small storage contract each engine implements
 * in one class: {@code db} {@link org.cloakroom.engine.DatabaseEngine}, {@code cache}
 * {@link org.cloakroom.engine.CacheEngine}, {@code cached_db}
 * {@link org.cloakroom.engine.CachedDatabaseEngine}, {@code file}
 * {@link org.cloakroom.engine.FileEngine}, {@code signed_cookies}
 * {@link org.cloakroom.engine.SignedCookieEngine}. {@link org.cloakroom.engine.RequestHandshake}
 * is where the HTTP layer and a request's session meet.
 */
package org.cloakroom.engine;
