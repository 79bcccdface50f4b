package org.cloakroom.config;

import java.time.Clock;
import java.util.List;

/**
 * Every session setting, parsed and validated. Engines and the HTTP filter receive this object;
 * none of them looks a setting up on its own. Build one with {@link #builder()} (tests, embedding)
 * or {@link SettingsLoader#load(SettingsSource)}.
 *
 * @param engine                    {@code SESSION_ENGINE}: db, cache, cached_db, file, signed_cookies or a class name
 * @param cookieAge                 {@code SESSION_COOKIE_AGE} in seconds
 * @param cookieDomain              {@code SESSION_COOKIE_DOMAIN}, or null for a host-only cookie
 * @param cookieHttpOnly            {@code SESSION_COOKIE_HTTPONLY}
 * @param cookieName                {@code SESSION_COOKIE_NAME}
 * @param cookiePath                {@code SESSION_COOKIE_PATH}
 * @param cookieSecure              {@code SESSION_COOKIE_SECURE}
 * @param cookieSameSite            {@code SESSION_COOKIE_SAMESITE}: Lax, Strict, None, or null to omit the attribute
 * @param expireAtBrowserClose      {@code SESSION_EXPIRE_AT_BROWSER_CLOSE}
 * @param saveEveryRequest          {@code SESSION_SAVE_EVERY_REQUEST}
 * @param filePath                  {@code SESSION_FILE_PATH}, or null for {@code java.io.tmpdir}
 * @param cacheAlias                {@code SESSION_CACHE_ALIAS}
 * @param secretKey                 {@code SECRET_KEY}
 * @param secretKeyFallbacks        {@code SECRET_KEY_FALLBACKS}, accepted for verifying only
 * @param serializerAllowedTypes    {@code SESSION_SERIALIZER_ALLOWED_TYPES}
 * @param clearExpiredEnabled       {@code SESSION_CLEAR_EXPIRED_ENABLED}
 * @param clearExpiredSchedule      {@code SESSION_CLEAR_EXPIRED_SCHEDULE}
 * @param clearExpiredBatchSize     {@code SESSION_CLEAR_EXPIRED_BATCH_SIZE}
 * @param refreshOnRead             {@code SESSION_REFRESH_ON_READ}
 * @param refreshInterval           {@code SESSION_REFRESH_INTERVAL} in seconds, or 0 when unset (see {@link #effectiveRefreshInterval()})
 * @param absoluteAge               {@code SESSION_ABSOLUTE_AGE} in seconds, or 0 for no limit
 * @param clock                     the time source (not a setting: tests replace it)
 */
public record SessionSettings(
        String engine,
        long cookieAge,
        String cookieDomain,
        boolean cookieHttpOnly,
        String cookieName,
        String cookiePath,
        boolean cookieSecure,
        String cookieSameSite,
        boolean expireAtBrowserClose,
        boolean saveEveryRequest,
        String filePath,
        String cacheAlias,
        String secretKey,
        List<String> secretKeyFallbacks,
        List<String> serializerAllowedTypes,
        boolean clearExpiredEnabled,
        ScheduleSetting clearExpiredSchedule,
        int clearExpiredBatchSize,
        boolean refreshOnRead,
        long refreshInterval,
        long absoluteAge,
        Clock clock) {

    public SessionSettings {
        secretKeyFallbacks = List.copyOf(secretKeyFallbacks);
        serializerAllowedTypes = List.copyOf(serializerAllowedTypes);
    }

    /** Like the record's, but never shows the secret keys: settings objects end up in logs. */
    @Override
    public String toString() {
        return "SessionSettings[engine=" + engine + ", cookieAge=" + cookieAge + ", cookieDomain=" + cookieDomain
                + ", cookieHttpOnly=" + cookieHttpOnly + ", cookieName=" + cookieName + ", cookiePath=" + cookiePath
                + ", cookieSecure=" + cookieSecure + ", cookieSameSite=" + cookieSameSite
                + ", expireAtBrowserClose=" + expireAtBrowserClose + ", saveEveryRequest=" + saveEveryRequest
                + ", filePath=" + filePath + ", cacheAlias=" + cacheAlias + ", secretKey=" + (secretKey.isEmpty() ? "" : "<hidden>")
                + ", secretKeyFallbacks=<" + secretKeyFallbacks.size() + " hidden>, serializerAllowedTypes="
                + serializerAllowedTypes + ", clearExpiredEnabled=" + clearExpiredEnabled + ", clearExpiredSchedule="
                + clearExpiredSchedule + ", clearExpiredBatchSize=" + clearExpiredBatchSize + ", refreshOnRead="
                + refreshOnRead + ", refreshInterval=" + refreshInterval + ", absoluteAge=" + absoluteAge + "]";
    }

    /** Seconds between refreshes of a session that is only read: the setting, or a tenth of the cookie age. */
    public long effectiveRefreshInterval() {
        return refreshInterval > 0 ? refreshInterval : Math.max(1, cookieAge / 10);
    }

    /** Django's defaults. */
    public static SessionSettings defaults() {
        return SettingsLoader.load(setting -> java.util.Optional.empty());
    }

    /** A builder starting from Django's defaults; every value goes through the same validation. */
    public static SettingsBuilder builder() {
        return new SettingsBuilder();
    }

    /** A builder starting from these settings. */
    public SettingsBuilder toBuilder() {
        return new SettingsBuilder(this);
    }
}
