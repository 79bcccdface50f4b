package org.cloakroom.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class SettingTest {

    @Test
    void anInvalidValueIsReportedWithTheSettingsTwoNamesAndTheValue() {
        assertEquals("Invalid setting SESSION_COOKIE_AGE (session.cookie.age) = '-5': must be positive",
                Setting.SESSION_COOKIE_AGE.invalid("-5", "must be positive").getMessage());
    }

    @Test
    void theSecretKeysValuesNeverAppearInTheMessage() {
        assertEquals("Invalid setting SECRET_KEY (secret.key): too short",
                Setting.SECRET_KEY.invalid("hunter2", "too short").getMessage());
        assertEquals("Invalid setting SECRET_KEY_FALLBACKS (secret.key.fallbacks): too short",
                Setting.SECRET_KEY_FALLBACKS.invalid("old,hunter2", "too short").getMessage());
    }

    @Test
    void withoutAValueOnlyTheSettingAndTheReasonAreGiven() {
        assertEquals("Invalid setting SESSION_FILE_PATH (session.file.path): it is unset",
                Setting.SESSION_FILE_PATH.invalid(null, "it is unset").getMessage());
    }

    @Test
    void theFailureThatRevealedTheProblemIsKeptAsTheCause() {
        IOException cause = new IOException("read-only file system");
        assertSame(cause, Setting.SESSION_FILE_PATH.invalid("/srv", "not writable", cause).getCause());
    }
}
