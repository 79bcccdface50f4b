package org.cloakroom.config;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses and validates raw setting values. Every failure is a {@link SessionConfigurationException}
 * that names the setting and says what is wrong with its value.
 */
public final class SettingsLoader {

    private SettingsLoader() {
    }

    /** Reads settings from MicroProfile Config, system properties or the environment. */
    public static SessionSettings fromEnvironment() {
        return load(SettingsSource.fromEnvironment());
    }

    public static SessionSettings load(SettingsSource source) {
        return load(source, Clock.systemUTC());
    }

    static SessionSettings load(SettingsSource source, Clock clock) {
        Reader r = new Reader(source);
        String engine = r.text(Setting.SESSION_ENGINE);
        if (!EngineNames.ALL.contains(engine) && !engine.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)+")) {
            throw Setting.SESSION_ENGINE.invalid(engine,
                    "must be one of " + String.join(", ", EngineNames.ALL)
                            + " or the fully qualified class name of a SessionEngine");
        }
        long cookieAge = r.longValue(Setting.SESSION_COOKIE_AGE);
        if (cookieAge < 1) {
            throw Setting.SESSION_COOKIE_AGE.invalid(String.valueOf(cookieAge),
                    "must be a positive number of seconds (sessions would expire before they are used)");
        }
        String name = r.text(Setting.SESSION_COOKIE_NAME);
        if (!name.matches("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+")) {
            throw Setting.SESSION_COOKIE_NAME.invalid(name, "must be a non-empty cookie name (letters, digits and !#$%&'*+-.^_`|~)");
        }
        String path = r.text(Setting.SESSION_COOKIE_PATH);
        if (!path.startsWith("/") || !path.matches("[\\x21-\\x7e&&[^;,]]+")) {
            throw Setting.SESSION_COOKIE_PATH.invalid(path, "must start with / and contain no spaces, ';' or ','");
        }
        String domain = r.optional(Setting.SESSION_COOKIE_DOMAIN);
        if (domain != null && !domain.matches("\\.?[A-Za-z0-9.\\-]+")) {
            throw Setting.SESSION_COOKIE_DOMAIN.invalid(domain, "must be a domain name such as .example.com");
        }
        boolean secure = r.bool(Setting.SESSION_COOKIE_SECURE);
        String sameSite = sameSite(r, secure);
        String filePath = r.optional(Setting.SESSION_FILE_PATH);
        String cacheAlias = r.text(Setting.SESSION_CACHE_ALIAS);
        if (cacheAlias.isEmpty()) {
            throw Setting.SESSION_CACHE_ALIAS.invalid(cacheAlias, "must name a cache");
        }
        ScheduleSetting schedule;
        String scheduleText = r.text(Setting.SESSION_CLEAR_EXPIRED_SCHEDULE);
        try {
            schedule = ScheduleSetting.parse(scheduleText);
        } catch (IllegalArgumentException e) {
            throw Setting.SESSION_CLEAR_EXPIRED_SCHEDULE.invalid(scheduleText, e.getMessage());
        }
        long batch = r.longValue(Setting.SESSION_CLEAR_EXPIRED_BATCH_SIZE);
        if (batch < 1 || batch > 100_000) {
            throw Setting.SESSION_CLEAR_EXPIRED_BATCH_SIZE.invalid(String.valueOf(batch), "must be between 1 and 100000");
        }
        long refreshInterval = r.optionalSeconds(Setting.SESSION_REFRESH_INTERVAL);
        if (r.optional(Setting.SESSION_REFRESH_INTERVAL) != null && (refreshInterval < 1 || refreshInterval >= cookieAge)) {
            throw Setting.SESSION_REFRESH_INTERVAL.invalid(String.valueOf(refreshInterval),
                    "must be between 1 and SESSION_COOKIE_AGE - 1 (" + (cookieAge - 1)
                            + ") seconds: a session only read must be refreshed before it expires");
        }
        long absoluteAge = r.optionalSeconds(Setting.SESSION_ABSOLUTE_AGE);
        if (absoluteAge < 0 || r.optional(Setting.SESSION_ABSOLUTE_AGE) != null && absoluteAge == 0) {
            throw Setting.SESSION_ABSOLUTE_AGE.invalid(String.valueOf(absoluteAge),
                    "must be a positive number of seconds, or unset for no limit");
        }
        CookieSettings cookie = new CookieSettings(name, domain, path, secure, r.bool(Setting.SESSION_COOKIE_HTTPONLY), sameSite);
        ExpirySettings expiry = new ExpirySettings(cookieAge, r.bool(Setting.SESSION_EXPIRE_AT_BROWSER_CLOSE),
                r.bool(Setting.SESSION_SAVE_EVERY_REQUEST), r.bool(Setting.SESSION_REFRESH_ON_READ), refreshInterval, absoluteAge);
        SigningKeys keys = new SigningKeys(r.text(Setting.SECRET_KEY), r.list(Setting.SECRET_KEY_FALLBACKS));
        CleanupSettings cleanup = new CleanupSettings(r.bool(Setting.SESSION_CLEAR_EXPIRED_ENABLED), schedule, (int) batch);
        return new SessionSettings(engine, cookie, expiry, keys, filePath, cacheAlias, cleanup,
                r.list(Setting.SESSION_SERIALIZER_ALLOWED_TYPES), clock);
    }

    /**
     * {@code SESSION_ADMIN_ROLE}, the one setting of the operations layer: empty when the admin
     * resource is off.
     */
    public static Optional<String> adminRole(SettingsSource source) {
        String role = new Reader(source).optional(Setting.SESSION_ADMIN_ROLE);
        if (role != null && !role.matches("[\\p{L}\\p{N}_.:\\-]+")) {
            throw Setting.SESSION_ADMIN_ROLE.invalid(role, "must be one role name (letters, digits, '_', '.', ':' or '-')");
        }
        return Optional.ofNullable(role);
    }

    private static String sameSite(Reader r, boolean secure) {
        String raw = r.optional(Setting.SESSION_COOKIE_SAMESITE);
        if (raw == null || raw.equalsIgnoreCase("false")) {
            return null;
        }
        String value = switch (raw.toLowerCase(Locale.ROOT)) {
            case "lax" -> "Lax";
            case "strict" -> "Strict";
            case "none" -> "None";
            default -> throw Setting.SESSION_COOKIE_SAMESITE.invalid(raw, "must be Lax, Strict, None or false (omit the attribute)");
        };
        if (value.equals("None") && !secure) {
            throw Setting.SESSION_COOKIE_SAMESITE.invalid(raw,
                    "None requires SESSION_COOKIE_SECURE=true: browsers reject SameSite=None cookies without Secure");
        }
        return value;
    }

    /** Reads one raw value at a time, applying defaults. */
    private record Reader(SettingsSource source) {

        String optional(Setting s) {
            String v = source.get(s).map(String::trim).orElse(s.defaultValue());
            return v == null || v.isEmpty() ? null : v;
        }

        String text(Setting s) {
            String v = source.get(s).map(String::trim).orElse(s.defaultValue());
            return v == null ? "" : v;
        }

        boolean bool(Setting s) {
            String v = text(s);
            if (v.equalsIgnoreCase("true")) {
                return true;
            }
            if (v.equalsIgnoreCase("false")) {
                return false;
            }
            throw s.invalid(v, "must be true or false");
        }

        long longValue(Setting s) {
            String v = text(s);
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw s.invalid(v, "must be a whole number");
            }
        }

        /** A whole number of seconds, or 0 when the setting is unset. */
        long optionalSeconds(Setting s) {
            String v = optional(s);
            if (v == null) {
                return 0;
            }
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw s.invalid(v, "must be a whole number of seconds");
            }
        }

        List<String> list(Setting s) {
            return Arrays.stream(text(s).split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        }

    }
}
