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
        set(Setting.SESSION_COOKIE_AGE, from.cookieAge());
        set(Setting.SESSION_COOKIE_DOMAIN, from.cookieDomain() == null ? "" : from.cookieDomain());
        set(Setting.SESSION_COOKIE_HTTPONLY, from.cookieHttpOnly());
        set(Setting.SESSION_COOKIE_NAME, from.cookieName());
        set(Setting.SESSION_COOKIE_PATH, from.cookiePath());
        set(Setting.SESSION_COOKIE_SECURE, from.cookieSecure());
        set(Setting.SESSION_COOKIE_SAMESITE, from.cookieSameSite() == null ? "false" : from.cookieSameSite());
        set(Setting.SESSION_EXPIRE_AT_BROWSER_CLOSE, from.expireAtBrowserClose());
        set(Setting.SESSION_SAVE_EVERY_REQUEST, from.saveEveryRequest());
        set(Setting.SESSION_FILE_PATH, from.filePath() == null ? "" : from.filePath());
        set(Setting.SESSION_CACHE_ALIAS, from.cacheAlias());
        set(Setting.SECRET_KEY, from.secretKey());
        set(Setting.SECRET_KEY_FALLBACKS, String.join(",", from.secretKeyFallbacks()));
        set(Setting.SESSION_SERIALIZER_ALLOWED_TYPES, String.join(",", from.serializerAllowedTypes()));
        set(Setting.SESSION_CLEAR_EXPIRED_ENABLED, from.clearExpiredEnabled());
        set(Setting.SESSION_CLEAR_EXPIRED_SCHEDULE, from.clearExpiredSchedule());
        set(Setting.SESSION_CLEAR_EXPIRED_BATCH_SIZE, from.clearExpiredBatchSize());
        set(Setting.SESSION_REFRESH_ON_READ, from.refreshOnRead());
        set(Setting.SESSION_REFRESH_INTERVAL, from.refreshInterval() == 0 ? "" : from.refreshInterval());
        set(Setting.SESSION_ABSOLUTE_AGE, from.absoluteAge() == 0 ? "" : from.absoluteAge());
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
