package org.cloakroom.config;

import java.time.Clock;
import java.util.List;

/**
 * Every session setting, parsed and validated, in groups by who uses them: each engine, the
 * middleware and the cleanup receive the groups they need, never this whole record. Build one with
 * {@link #builder()} (tests, embedding) or {@link SettingsLoader#load(SettingsSource)}.
 *
 * @param engine                 {@code SESSION_ENGINE}: db, cache, cached_db, file, signed_cookies or a class name
 * @param cookie                 how the cookie is written
 * @param expiry                 when sessions expire and are saved again
 * @param keys                   {@code SECRET_KEY} and {@code SECRET_KEY_FALLBACKS}
 * @param filePath               {@code SESSION_FILE_PATH}, or null for {@code java.io.tmpdir} (see {@link #file()})
 * @param cacheAlias             {@code SESSION_CACHE_ALIAS} (see {@link #cache()})
 * @param cleanup                the expired-session cleanup
 * @param serializerAllowedTypes {@code SESSION_SERIALIZER_ALLOWED_TYPES}
 * @param clock                  the time source (not a setting: tests replace it; a bean of its own, {@link SessionClock})
 */
public record SessionSettings(
        String engine,
        CookieSettings cookie,
        ExpirySettings expiry,
        SigningKeys keys,
        String filePath,
        String cacheAlias,
        CleanupSettings cleanup,
        List<String> serializerAllowedTypes,
        Clock clock) {

    public SessionSettings {
        serializerAllowedTypes = List.copyOf(serializerAllowedTypes);
    }

    /** What the {@code file} engine needs. */
    public FileSettings file() {
        return new FileSettings(filePath, cookie.name());
    }

    /** What the {@code cache} and {@code cached_db} engines need. */
    public CacheSettings cache() {
        return new CacheSettings(cacheAlias, expiry.cookieAge());
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
