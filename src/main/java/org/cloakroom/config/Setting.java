package org.cloakroom.config;

import java.util.Locale;

/**
 * Every setting Cloakroom reads, with its default. The MicroProfile Config property name is the
 * Django name in lower case with dots ({@code session.cookie.age}); MicroProfile Config maps it to
 * the environment variable {@code SESSION_COOKIE_AGE}, which is Django's setting name.
 */
public enum Setting {
    SESSION_ENGINE(EngineNames.DB),
    SESSION_COOKIE_AGE("1209600"),
    SESSION_COOKIE_DOMAIN(null),
    SESSION_COOKIE_HTTPONLY("true"),
    SESSION_COOKIE_NAME("sessionid"),
    SESSION_COOKIE_PATH("/"),
    SESSION_COOKIE_SECURE("false"),
    SESSION_COOKIE_SAMESITE("Lax"),
    SESSION_EXPIRE_AT_BROWSER_CLOSE("false"),
    SESSION_SAVE_EVERY_REQUEST("false"),
    /** Whether a request that only reads a session extends its expiry (at most once per refresh interval). */
    SESSION_REFRESH_ON_READ("false"),
    /** Seconds between two refreshes of a session that is only read; unset: a tenth of SESSION_COOKIE_AGE. */
    SESSION_REFRESH_INTERVAL(null),
    /** Seconds after its creation when a session ends whatever its activity; unset: no limit. */
    SESSION_ABSOLUTE_AGE(null),
    SESSION_FILE_PATH(null),
    SESSION_CACHE_ALIAS("default"),
    SECRET_KEY(""),
    SECRET_KEY_FALLBACKS(""),
    /** Application classes (records, JavaBeans) the JSON codec may store: names or {@code pkg.*}. */
    SESSION_SERIALIZER_ALLOWED_TYPES(""),
    /** Whether the EJB timer clears expired sessions. */
    SESSION_CLEAR_EXPIRED_ENABLED("true"),
    /** When it runs: "second minute hour dayOfMonth month dayOfWeek", EJB schedule syntax. */
    SESSION_CLEAR_EXPIRED_SCHEDULE("0 0 * * * *"),
    /** Rows deleted per short transaction. */
    SESSION_CLEAR_EXPIRED_BATCH_SIZE("1000"),
    /** The role that may use the admin resource; unset: the resource answers 404 to everyone. */
    SESSION_ADMIN_ROLE(null);

    private final String defaultValue;

    Setting(String defaultValue) {
        this.defaultValue = defaultValue;
    }

    /** The MicroProfile Config / system property name, e.g. {@code session.cookie.age}. */
    public String propertyName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The default, or null when the setting has none. */
    public String defaultValue() {
        return defaultValue;
    }

    /**
     * The error for a value of this setting Cloakroom cannot work with: it names the setting, shows
     * the value and says why. The secret keys' values are never shown, as the message reaches logs.
     *
     * @param value the offending value, or null to show none
     * @param why   what is wrong with it, or what it would need
     */
    public SessionConfigurationException invalid(String value, String why) {
        return invalid(value, why, null);
    }

    /** {@link #invalid(String, String)} with the failure that revealed the problem. */
    public SessionConfigurationException invalid(String value, String why, Throwable cause) {
        boolean shown = value != null && this != SECRET_KEY && this != SECRET_KEY_FALLBACKS;
        String shownValue = shown ? " = '" + value + "'" : "";
        return new SessionConfigurationException("Invalid setting " + this + shownValue + ": " + why, cause);
    }

    @Override
    public String toString() {
        return name() + " (" + propertyName() + ")";
    }
}
