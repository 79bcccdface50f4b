package org.cloakroom.config;

/**
 * How the session cookie is written and read: the {@code SESSION_COOKIE_*} settings other than the
 * age, which belongs to {@link ExpirySettings}.
 *
 * @param name     {@code SESSION_COOKIE_NAME}
 * @param domain   {@code SESSION_COOKIE_DOMAIN}, or null for a host-only cookie
 * @param path     {@code SESSION_COOKIE_PATH}
 * @param secure   {@code SESSION_COOKIE_SECURE}
 * @param httpOnly {@code SESSION_COOKIE_HTTPONLY}
 * @param sameSite {@code SESSION_COOKIE_SAMESITE}: Lax, Strict, None, or null to omit the attribute
 */
public record CookieSettings(String name, String domain, String path, boolean secure, boolean httpOnly, String sameSite) {
}
