package org.cloakroom.config;

/**
 * What the {@code cache} and {@code cached_db} engines need.
 *
 * @param alias     {@code SESSION_CACHE_ALIAS}: the JCache cache's name
 * @param cookieAge {@code SESSION_COOKIE_AGE}: the expiry of a cache that Cloakroom creates itself
 */
public record CacheSettings(String alias, long cookieAge) {
}
