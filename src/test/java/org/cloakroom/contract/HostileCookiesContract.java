package org.cloakroom.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cloakroom.internal.engine.BaseSession;
import org.cloakroom.spi.SessionKeys;
import org.junit.jupiter.api.Test;

/**
 * Whatever a cookie carries, the session rules and the engine treat it as no session: never an
 * exception, never a stored session adopted, nothing written. The values are generated (seeded, so a
 * failure repeats): random characters of every kind and length up to 8,192, key-shaped and
 * storage-id-shaped values, and this engine's own valid value with a character flipped, truncated
 * or padded.
 */
public abstract class HostileCookiesContract extends MapBehaviourContract {

    private static final int VALUES = 2_000;

    private static List<String> hostileValues(String valid, Random random) {
        List<String> values = new ArrayList<>(List.of("", " ", ";", "\"\"", "=", valid.toUpperCase(), valid + valid));
        for (int i = 0; i < VALUES; i++) {
            switch (i % 6) {
                case 0 -> {
                    StringBuilder any = new StringBuilder();
                    int length = random.nextInt(random.nextBoolean() ? 64 : 8_193);
                    for (int c = 0; c < length; c++) {
                        // Mostly ASCII, with control characters, Latin-1 and the odd surrogate half.
                        any.append((char) (random.nextInt(10) == 0 ? random.nextInt(0xFFFF) : random.nextInt(128)));
                    }
                    values.add(any.toString());
                }
                case 1 -> values.add(SessionKeys.generate());
                case 2 -> values.add(SessionKeys.storageId(SessionKeys.generate()));
                case 3 -> {
                    char[] flipped = valid.toCharArray();
                    int at = random.nextInt(flipped.length);
                    flipped[at] = (char) (flipped[at] ^ (1 << random.nextInt(7)));
                    String value = new String(flipped);
                    if (!value.equals(valid)) {
                        values.add(value);
                    }
                }
                case 4 -> values.add(valid.substring(0, random.nextInt(valid.length())));
                default -> values.add(valid + "=".repeat(1 + random.nextInt(8)) + random.nextInt());
            }
        }
        return values;
    }

    @Test
    void anyHostileCookieValueIsNoSessionNeverAnErrorAndNothingIsWritten() {
        BaseSession real = newSession();
        real.put("user", 7);
        real.save();
        String valid = real.getSessionKey();
        int callsBefore = engine.calls();
        int loads = 0;
        // Each rejected signed cookie is a WARNING there, as it should be; thousands would drown the test's output.
        Logger suspicious = Logger.getLogger("org.cloakroom.security.SuspiciousSession");
        Level level = suspicious.getLevel();
        suspicious.setLevel(Level.OFF);
        try {
            for (String value : hostileValues(valid, new Random(20261201))) {
                BaseSession s = session(value);
                assertTrue(s.isEmpty(), () -> "adopted: " + value.length() + " characters");
                assertNull(s.getSessionKey());
                loads++;
            }
        } finally {
            suspicious.setLevel(level);
        }
        assertTrue(engine.calls() - callsBefore <= loads, "at most one read per request, never a write");
        assertEquals(7, session(valid).get("user"), "the real session is untouched");
    }
}
