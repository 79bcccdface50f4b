package org.cloakroom.internal.engine;

import java.time.Instant;
import org.cloakroom.spi.SessionKeys;

/**
 * The signed cookie values one {@link SignedCookieEngine} lately issued or verified, with their data
 * and expiry, so that a visitor's next request, which sends the same value back, skips the HMAC and
 * the decoding. A value is only ever found by comparing it whole, in constant time, with one that was
 * signed here or passed verification under the same keys (they cannot change while the engine
 * lives), so nothing unverified is ever accepted; its embedded expiry is still checked every time.
 *
 * <p>Bounded as {@link KnownSessions}: {@value #SLOTS} slots by the value's hash, values and data
 * (which a compressed value can inflate to far more) up to {@value #MAX_LENGTH} characters each:
 * 0.4 MB for values of 190 characters, 3.3 MB at worst, as {@code KnownSessionsFootprint} in the
 * tests measures. Entries are immutable and slots written without locks: a lost race costs one
 * verification.
 */
final class VerifiedValues {

    static final int SLOTS = 1024;
    static final int MAX_LENGTH = KnownSessions.MAX_ENCODED_LENGTH;

    private record Verified(String value, String data, long expiresEpochSecond) {
    }

    private final Verified[] slots = new Verified[SLOTS];

    /** The data {@code value} carries, if it is known here and unexpired at {@code now}; else null. */
    String data(String value, Instant now) {
        if (value == null) {
            return null;
        }
        Verified known = slots[KnownSessions.slot(value, SLOTS)];
        if (known == null || !SessionKeys.sameKey(known.value, value) || now.getEpochSecond() >= known.expiresEpochSecond) {
            return null;
        }
        return known.data;
    }

    /** Remembers that {@code value} is validly signed, carries {@code data} and expires at the start of {@code expiresEpochSecond}. */
    void remember(String value, String data, long expiresEpochSecond) {
        if (value.length() <= MAX_LENGTH && data.length() <= MAX_LENGTH) {
            slots[KnownSessions.slot(value, SLOTS)] = new Verified(value, data, expiresEpochSecond);
        }
    }
}
