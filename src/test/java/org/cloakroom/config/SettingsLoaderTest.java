package org.cloakroom.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsLoaderTest {

    private static SessionSettings load(Map<String, String> env) {
        return SettingsLoader.load(s -> Optional.ofNullable(env.get(s.name())));
    }

    private static String failure(Map<String, String> env) {
        return assertThrows(SessionConfigurationException.class, () -> load(env)).getMessage();
    }

    @Test
    void theDefaultsAreDjangos() {
        SessionSettings s = SessionSettings.defaults();
        assertEquals("db", s.engine());
        assertEquals(1_209_600, s.expiry().cookieAge());
        assertNull(s.cookie().domain());
        assertTrue(s.cookie().httpOnly());
        assertEquals("sessionid", s.cookie().name());
        assertEquals("/", s.cookie().path());
        assertFalse(s.cookie().secure());
        assertEquals("Lax", s.cookie().sameSite());
        assertFalse(s.expiry().expireAtBrowserClose());
        assertFalse(s.expiry().saveEveryRequest());
        assertNull(s.filePath());
        assertEquals("default", s.cacheAlias());
        assertEquals("", s.keys().secretKey());
        assertEquals(List.of(), s.keys().fallbacks());
        assertTrue(s.cleanup().enabled());
        assertEquals("0 0 * * * *", s.cleanup().schedule().toString());
    }

    @Test
    void theEnvironmentVariableNameIsDjangosAndThePropertyNameIsItsDottedForm() {
        assertEquals("session.cookie.age", Setting.SESSION_COOKIE_AGE.propertyName());
        assertEquals("secret.key.fallbacks", Setting.SECRET_KEY_FALLBACKS.propertyName());
        SessionSettings s = load(Map.of("SESSION_COOKIE_AGE", "300", "SESSION_SAVE_EVERY_REQUEST", "TRUE",
                "SECRET_KEY_FALLBACKS", "old-one, older-one", "SESSION_COOKIE_SAMESITE", "strict"));
        assertEquals(300, s.expiry().cookieAge());
        assertTrue(s.expiry().saveEveryRequest());
        assertEquals(List.of("old-one", "older-one"), s.keys().fallbacks());
        assertEquals("Strict", s.cookie().sameSite());
    }

    @Test
    void sameSiteFalseOmitsTheAttribute() {
        assertNull(load(Map.of("SESSION_COOKIE_SAMESITE", "false")).cookie().sameSite());
    }

    @Test
    void aNegativeOrZeroCookieAgeIsRefusedNamingTheSetting() {
        assertTrue(failure(Map.of("SESSION_COOKIE_AGE", "-5")).startsWith("Invalid setting SESSION_COOKIE_AGE (session.cookie.age) = '-5'"));
        assertTrue(failure(Map.of("SESSION_COOKIE_AGE", "0")).contains("SESSION_COOKIE_AGE"));
        assertTrue(failure(Map.of("SESSION_COOKIE_AGE", "two weeks")).contains("must be a whole number"));
    }

    @Test
    void anUnknownEngineIsRefusedListingTheChoices() {
        String message = failure(Map.of("SESSION_ENGINE", "memcached"));
        assertTrue(message.contains("SESSION_ENGINE") && message.contains("signed_cookies"), message);
    }

    @Test
    void sameSiteNoneWithoutSecureIsRefused() {
        String message = failure(Map.of("SESSION_COOKIE_SAMESITE", "None"));
        assertTrue(message.contains("SESSION_COOKIE_SAMESITE") && message.contains("SESSION_COOKIE_SECURE"), message);
        assertEquals("None", load(Map.of("SESSION_COOKIE_SAMESITE", "None", "SESSION_COOKIE_SECURE", "true")).cookie().sameSite());
    }

    @Test
    void malformedValuesAreRefusedNamingTheSetting() {
        assertTrue(failure(Map.of("SESSION_COOKIE_SAMESITE", "sometimes")).contains("SESSION_COOKIE_SAMESITE"));
        assertTrue(failure(Map.of("SESSION_COOKIE_HTTPONLY", "yes")).contains("SESSION_COOKIE_HTTPONLY"));
        assertTrue(failure(Map.of("SESSION_COOKIE_NAME", "my session")).contains("SESSION_COOKIE_NAME"));
        assertTrue(failure(Map.of("SESSION_COOKIE_PATH", "app")).contains("SESSION_COOKIE_PATH"));
        assertTrue(failure(Map.of("SESSION_COOKIE_DOMAIN", "a;b")).contains("SESSION_COOKIE_DOMAIN"));
        assertTrue(failure(Map.of("SESSION_CLEAR_EXPIRED_SCHEDULE", "hourly")).contains("SESSION_CLEAR_EXPIRED_SCHEDULE"));
        assertTrue(failure(Map.of("SESSION_CLEAR_EXPIRED_BATCH_SIZE", "0")).contains("SESSION_CLEAR_EXPIRED_BATCH_SIZE"));
    }

    @Test
    void aSecretIsNeverRepeatedInAnErrorMessage() {
        String message = assertThrows(SessionConfigurationException.class,
                () -> new SettingsBuilder().set(Setting.SECRET_KEY, "hunter2-hunter2").set(Setting.SESSION_COOKIE_AGE, -1).build())
                .getMessage();
        assertFalse(message.contains("hunter2"));
    }

    @Test
    void theSettingsNeverPrintTheirSecrets() {
        SessionSettings s = load(Map.of("SECRET_KEY", "top-secret-key-top-secret-key-123", "SECRET_KEY_FALLBACKS", "old-secret"));
        assertFalse(s.toString().contains("top-secret") || s.toString().contains("old-secret"), s.toString());
    }

    @Test
    void aBuilderRoundTripsEverySetting() {
        SessionSettings s = load(Map.of("SESSION_COOKIE_DOMAIN", ".example.com", "SESSION_COOKIE_SAMESITE", "false",
                "SESSION_SERIALIZER_ALLOWED_TYPES", "com.example.*", "SESSION_CLEAR_EXPIRED_SCHEDULE", "*/5 * * * * *",
                "SESSION_REFRESH_ON_READ", "true", "SESSION_REFRESH_INTERVAL", "600", "SESSION_ABSOLUTE_AGE", "86400"));
        assertEquals(s, s.toBuilder().build());
        SessionSettings defaults = SessionSettings.defaults();
        assertEquals(defaults, defaults.toBuilder().build());
    }

    @Test
    void refreshingAndTheAbsoluteAgeAreOffByDefaultAndTheIntervalFollowsTheCookieAge() {
        SessionSettings s = SessionSettings.defaults();
        assertFalse(s.expiry().refreshOnRead());
        assertEquals(0, s.expiry().absoluteAge());
        assertEquals(120_960, s.expiry().effectiveRefreshInterval());
        SessionSettings shorter = load(Map.of("SESSION_REFRESH_ON_READ", "true", "SESSION_COOKIE_AGE", "3600"));
        assertTrue(shorter.expiry().refreshOnRead());
        assertEquals(360, shorter.expiry().effectiveRefreshInterval());
        assertEquals(1800, load(Map.of("SESSION_REFRESH_INTERVAL", "1800")).expiry().effectiveRefreshInterval());
        assertEquals(28_800, load(Map.of("SESSION_ABSOLUTE_AGE", "28800")).expiry().absoluteAge());
    }

    @Test
    void aRefreshIntervalOrAbsoluteAgeThatCannotWorkIsRefusedNamingTheSetting() {
        assertTrue(failure(Map.of("SESSION_REFRESH_INTERVAL", "0")).startsWith(
                "Invalid setting SESSION_REFRESH_INTERVAL (session.refresh.interval) = '0': must be between 1 and"));
        assertTrue(failure(Map.of("SESSION_COOKIE_AGE", "600", "SESSION_REFRESH_INTERVAL", "600")).contains(
                "SESSION_REFRESH_INTERVAL (session.refresh.interval) = '600': must be between 1 and SESSION_COOKIE_AGE - 1 (599)"));
        assertTrue(failure(Map.of("SESSION_REFRESH_INTERVAL", "soon")).contains("must be a whole number of seconds"));
        assertTrue(failure(Map.of("SESSION_ABSOLUTE_AGE", "0")).startsWith(
                "Invalid setting SESSION_ABSOLUTE_AGE (session.absolute.age) = '0': must be a positive number of seconds"));
        assertTrue(failure(Map.of("SESSION_ABSOLUTE_AGE", "-1")).contains("must be a positive number of seconds"));
    }
}
