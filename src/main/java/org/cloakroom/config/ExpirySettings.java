package org.cloakroom.config;

/**
 * When a session expires and when it is saved again: what the session rules and the middleware need.
 *
 * @param cookieAge            {@code SESSION_COOKIE_AGE} in seconds
 * @param expireAtBrowserClose {@code SESSION_EXPIRE_AT_BROWSER_CLOSE}
 * @param saveEveryRequest     {@code SESSION_SAVE_EVERY_REQUEST}
 * @param refreshOnRead        {@code SESSION_REFRESH_ON_READ}
 * @param refreshInterval      {@code SESSION_REFRESH_INTERVAL} in seconds, or 0 when unset (see {@link #effectiveRefreshInterval()})
 * @param absoluteAge          {@code SESSION_ABSOLUTE_AGE} in seconds, or 0 for no limit
 */
public record ExpirySettings(long cookieAge, boolean expireAtBrowserClose, boolean saveEveryRequest,
        boolean refreshOnRead, long refreshInterval, long absoluteAge) {

    /** Seconds between refreshes of a session that is only read: the setting, or a tenth of the cookie age. */
    public long effectiveRefreshInterval() {
        return refreshInterval > 0 ? refreshInterval : Math.max(1, cookieAge / 10);
    }
}
