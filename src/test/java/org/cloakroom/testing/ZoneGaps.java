package org.cloakroom.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;

/**
 * Instants whose UTC wall time does not exist in the JVM's time zone: it falls inside the zone's
 * next spring-forward gap. Stored through {@code java.sql.Timestamp}, such a time moves by the
 * gap's length; the tests run in {@code Europe/Paris} (set in the pom) to catch that.
 */
public final class ZoneGaps {

    private ZoneGaps() {
    }

    /** The middle of the JVM zone's next gap after {@code after}, read as a UTC wall time. */
    public static Instant utcWallTimeInNextGap(Instant after) {
        ZoneId zone = ZoneId.systemDefault();
        ZoneOffsetTransition transition = zone.getRules().nextTransition(after);
        while (transition != null && !transition.isGap()) {
            transition = zone.getRules().nextTransition(transition.getInstant());
        }
        if (transition == null) {
            throw new IllegalStateException("The JVM's time zone " + zone + " has no daylight saving: run the tests as "
                    + "the pom does, with -Duser.timezone=Europe/Paris");
        }
        Duration half = transition.getDuration().dividedBy(2);
        return transition.getDateTimeBefore().plus(half).toInstant(ZoneOffset.UTC);
    }
}
