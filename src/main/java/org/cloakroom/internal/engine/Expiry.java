package org.cloakroom.internal.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * Django's reading of a per-session expiry ({@code _session_expiry}): null or 0 for the global age,
 * a number of seconds after the last modification, or a date.
 */
final class Expiry {

    private Expiry() {
    }

    /** Seconds from {@code modification} until the session expires; whole seconds, rounded down, as Django does. */
    static long age(Instant modification, Object expiry, long cookieAge) {
        if (usesGlobalAge(expiry)) {
            return cookieAge;
        }
        if (expiry instanceof Number seconds) {
            return seconds.longValue();
        }
        return Duration.between(modification, toInstant(expiry)).getSeconds();
    }

    /** When the session expires, if last modified at {@code modification}. */
    static Instant date(Instant modification, Object expiry, long cookieAge) {
        if (usesGlobalAge(expiry)) {
            return modification.plusSeconds(cookieAge);
        }
        if (expiry instanceof Number seconds) {
            return modification.plusSeconds(seconds.longValue());
        }
        return toInstant(expiry);
    }

    /** An expiry of 0: the cookie ends with the browser. */
    static boolean isZero(Object expiry) {
        return expiry instanceof Number n && n.longValue() == 0;
    }

    private static boolean usesGlobalAge(Object expiry) {
        return expiry == null || isZero(expiry);
    }

    private static Instant toInstant(Object expiry) {
        if (expiry instanceof Instant i) {
            return i;
        }
        if (expiry instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (expiry instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalArgumentException("An expiry is a number of seconds, an Instant, a ZonedDateTime, "
                + "an OffsetDateTime or null, not " + expiry.getClass().getName());
    }
}
