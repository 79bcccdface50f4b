package org.cloakroom.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.cloakroom.contract.DatabaseEngineFixture;
import org.cloakroom.persistence.SessionEntity;
import org.cloakroom.spi.SessionKeys;
import org.cloakroom.testing.TestDatabase;
import org.cloakroom.testing.ZoneGaps;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code expire_date} holds UTC wall times exactly whatever the JVM's time zone, even a time that
 * zone skips when its clocks spring forward: as the insert writes it, as the cleanup compares it and
 * as the load reads it (the persistence unit's {@code java_time_use_direct_jdbc}).
 */
class DatabaseEngineTimeZoneTest extends DatabaseEngineFixture {

    private Instant skipped;
    private String key;

    @BeforeEach
    void aSessionExpiringAtATimeTheJvmZoneSkips() throws Exception {
        skipped = ZoneGaps.utcWallTimeInNextGap(clock.instant());
        key = SessionKeys.generate();
        engine.create(key, "{}", skipped, null);
    }

    @Test
    void itIsStoredAsThatUtcWallTime() throws Exception {
        assumeNotMariaDb();
        assertEquals(SessionEntity.toColumn(skipped), storedExpiry());
    }

    @Test
    void theCleanupRemovesItJustAfterThatInstantAndNotBefore() {
        clock.advance(Duration.between(clock.instant(), skipped));
        assertEquals(0, engine.clearExpired());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, engine.clearExpired());
    }

    @Test
    void itLoadsUntilThatInstantAndNotAnHourLonger() {
        assumeNotMariaDb();
        clock.advance(Duration.between(clock.instant(), skipped.minusSeconds(1)));
        assertTrue(engine.load(key).isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(engine.load(key).isEmpty());
    }

    /**
     * On MariaDB a skipped time still moves an hour, as stored and as read (Connector/J decodes a
     * {@code DATETIME} into a {@code ZonedDateTime} in the JVM's zone); both directions move alike,
     * so the cleanup above still holds there.
     */
    private static void assumeNotMariaDb() {
        assumeFalse(TestDatabase.URL.startsWith("jdbc:mariadb:"), "on MariaDB a time the JVM's zone skips still moves an hour");
    }

    /** Read as text: a driver may decode a java.time value through the JVM's zone. */
    private LocalDateTime storedExpiry() throws Exception {
        try (Connection c = TestDatabase.connect();
                PreparedStatement select = c.prepareStatement("select expire_date from cloakroom_session where session_key = ?")) {
            select.setString(1, SessionKeys.storageId(key));
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "no row for the session");
                return LocalDateTime.parse(row.getString(1).substring(0, 19).replace(' ', 'T'));
            }
        }
    }
}
