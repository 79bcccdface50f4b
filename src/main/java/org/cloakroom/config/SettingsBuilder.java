package org.cloakroom.config;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Builds {@link SessionSettings} from raw values, with the same validation as deployment. */
public final class SettingsBuilder {

    private final Map<Setting, String> values = new EnumMap<>(Setting.class);
    private Clock clock = Clock.systemUTC();

    SettingsBuilder() {
    }

    SettingsBuilder(SessionSettings from) {
        set(Setting.SESSION_ENGINE, from.engine());
        CookieSettings cookie = from.cookie();
        set(Setting.SESSION_COOKIE_DOMAIN, cookie.domain() == null ? "" : cookie.domain());
        set(Setting.SESSION_COOKIE_HTTPONLY, cookie.httpOnly());
        set(Setting.SESSION_COOKIE_NAME, cookie.name());
        set(Setting.SESSION_COOKIE_PATH, cookie.path());
        set(Setting.SESSION_COOKIE_SECURE, cookie.secure());
        set(Setting.SESSION_COOKIE_SAMESITE, cookie.sameSite() == null ? "false" : cookie.sameSite());
        ExpirySettings expiry = from.expiry();
        set(Setting.SESSION_COOKIE_AGE, expiry.cookieAge());
        set(Setting.SESSION_EXPIRE_AT_BROWSER_CLOSE, expiry.expireAtBrowserClose());
        set(Setting.SESSION_SAVE_EVERY_REQUEST, expiry.saveEveryRequest());
        set(Setting.SESSION_REFRESH_ON_READ, expiry.refreshOnRead());
        set(Setting.SESSION_REFRESH_INTERVAL, expiry.refreshInterval() == 0 ? "" : expiry.refreshInterval());
        set(Setting.SESSION_ABSOLUTE_AGE, expiry.absoluteAge() == 0 ? "" : expiry.absoluteAge());
        set(Setting.SECRET_KEY, from.keys().secretKey());
        set(Setting.SECRET_KEY_FALLBACKS, String.join(",", from.keys().fallbacks()));
        set(Setting.SESSION_FILE_PATH, from.filePath() == null ? "" : from.filePath());
        set(Setting.SESSION_CACHE_ALIAS, from.cacheAlias());
        set(Setting.SESSION_SERIALIZER_ALLOWED_TYPES, String.join(",", from.serializerAllowedTypes()));
        set(Setting.SESSION_CLEAR_EXPIRED_ENABLED, from.cleanup().enabled());
        set(Setting.SESSION_CLEAR_EXPIRED_SCHEDULE, from.cleanup().schedule());
        set(Setting.SESSION_CLEAR_EXPIRED_BATCH_SIZE, from.cleanup().batchSize());
        clock = from.clock();
    }

    /** Sets a raw value, exactly as it would be written in the environment. */
    public SettingsBuilder set(Setting setting, Object value) {
        values.put(setting, String.valueOf(value));
        return this;
    }

    public SettingsBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** @throws SessionConfigurationException naming the first invalid setting */
    public SessionSettings build() {
        return SettingsLoader.load(s -> Optional.ofNullable(values.get(s)), clock);
    }
}
