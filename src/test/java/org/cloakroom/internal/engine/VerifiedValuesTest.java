package org.cloakroom.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifiedValuesTest {

    private static final String VALUE = "eyJhIjoxfQ:tq6o67:tpgqu7:RKuBQUd6:EgZn8exs78rMukRNLrwo3qVQD_keAf0ZSXS2yLo8y7Q";
    private static final long EXPIRES = 2_000_000_000L;

    private final VerifiedValues verified = new VerifiedValues();

    @Test
    void aRememberedValueGivesItsDataUntilTheSecondItExpires() {
        verified.remember(VALUE, "{\"a\":1}", EXPIRES);
        assertEquals("{\"a\":1}", verified.data(VALUE, Instant.ofEpochSecond(EXPIRES - 1, 999_999_999)));
        assertNull(verified.data(VALUE, Instant.ofEpochSecond(EXPIRES)));
    }

    @Test
    void aValueDifferingInAnyCharacterIsUnknown() {
        verified.remember(VALUE, "{\"a\":1}", EXPIRES);
        Instant now = Instant.ofEpochSecond(EXPIRES - 60);
        for (int i = 0; i < VALUE.length(); i++) {
            char other = VALUE.charAt(i) == 'A' ? 'B' : 'A';
            String changed = VALUE.substring(0, i) + other + VALUE.substring(i + 1);
            assertNull(verified.data(changed, now), changed);
        }
        assertNull(verified.data(VALUE.substring(1), now));
        assertNull(verified.data(VALUE + "A", now));
    }

    @Test
    void aValueOrDataLongerThanTheLimitIsNotKept() {
        String longValue = "A".repeat(VerifiedValues.MAX_LENGTH) + VALUE;
        verified.remember(longValue, "{}", EXPIRES);
        assertNull(verified.data(longValue, Instant.ofEpochSecond(0)));
        // A compressed value can be short and carry far more data.
        verified.remember(VALUE, "{\"a\":\"" + "x".repeat(VerifiedValues.MAX_LENGTH) + "\"}", EXPIRES);
        assertNull(verified.data(VALUE, Instant.ofEpochSecond(0)));
    }

    @Test
    void aNewerValueEndingAlikeTakesTheSlotOfTheOlder() {
        verified.remember(VALUE, "{\"a\":1}", EXPIRES);
        // The slot comes from the last 32 characters (the signature): a change before them keeps it.
        String newer = VALUE.substring(0, 10) + "X" + VALUE.substring(11);
        verified.remember(newer, "{\"a\":2}", EXPIRES);
        Instant now = Instant.ofEpochSecond(0);
        assertEquals("{\"a\":2}", verified.data(newer, now));
        assertNull(verified.data(VALUE, now));
    }
}
