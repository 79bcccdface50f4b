package org.cloakroom.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.cloakroom.spi.SessionKeys;
import org.cloakroom.testing.TestDatabase;
import org.cloakroom.testing.ZoneGaps;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The command-line cleanup against the database under test (H2 by default, PostgreSQL or MariaDB
 * with their profiles), through nothing but JDBC, as cron would run it.
 */
class ClearSessionsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void emptyTable() {
        TestDatabase.clear();
    }

    private int run(String... args) {
        return run(Clock.systemUTC(), args);
    }

    private int run(Clock clock, String... args) {
        return ClearSessions.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), clock);
    }

    private static void insert(int count, LocalDateTime expires) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement insert = c.prepareStatement(
                "insert into cloakroom_session (session_key, session_data, expire_date, session_version) values (?, '{}', ?, 0)")) {
            for (int i = 0; i < count; i++) {
                insert.setString(1, SessionKeys.storageId(SessionKeys.generate()));
                insert.setObject(2, expires.minusSeconds(i));
                insert.executeUpdate();
            }
        }
    }

    private static long rows() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*) from cloakroom_session")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void itDeletesEveryExpiredRowInBatchesAndKeepsTheLiveOnes() throws Exception {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        insert(25, now.minusMinutes(1));
        insert(3, now.plusHours(1));
        String user = TestDatabase.USER;
        assertEquals(0, run("--jdbc-url", TestDatabase.URL, "--user", user, "--password-env", "CLOAKROOM_TEST_NO_SUCH_VARIABLE",
                "--batch-size", "10"), err.toString());
        assertEquals("Cleared 25 expired sessions", out.toString().trim());
        assertEquals(3, rows());
        assertEquals(0, run("--jdbc-url", TestDatabase.URL, "--user", user, "--password-env", "CLOAKROOM_TEST_NO_SUCH_VARIABLE"));
        assertTrue(out.toString().trim().endsWith("Cleared 0 expired sessions"), out.toString());
    }

    @Test
    void aCutoffTheJvmZoneSkipsDeletesWhatExpiredByThenAndNothingThatExpiresWithinTheHour() throws Exception {
        Instant cutoff = ZoneGaps.utcWallTimeInNextGap(Instant.now());
        LocalDateTime at = LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC);
        insert(1, at.minusMinutes(1));
        insert(1, at.plusMinutes(20));
        assertEquals(0, run(Clock.fixed(cutoff, ZoneOffset.UTC), "--jdbc-url", TestDatabase.URL, "--user", TestDatabase.USER,
                "--password-env", "CLOAKROOM_TEST_NO_SUCH_VARIABLE"), err.toString());
        assertEquals("Cleared 1 expired sessions", out.toString().trim());
        assertEquals(1, rows());
    }

    @Test
    void aUrlNoDriverAcceptsFailsWithOneLineNamingIt() {
        assertEquals(2, run("--jdbc-url", "jdbc:nosuchdb://db/app"));
        assertTrue(err.toString().startsWith("clearsessions: no JDBC driver accepts --jdbc-url 'jdbc:nosuchdb://db/app'"),
                err.toString());
    }

    @Test
    void aDatabaseWithoutTheTableFailsSayingHowToCreateIt() {
        assertEquals(2, run("--jdbc-url", "jdbc:h2:mem:no-sessions-here", "--user", "sa"));
        assertTrue(err.toString().contains("no usable cloakroom_session table")
                && err.toString().contains("schema/<database>-create.sql"), err.toString());
    }

    @Test
    void missingOrBadOptionsPrintTheUsage() {
        assertEquals(2, run("--user", "app"));
        assertTrue(err.toString().contains("--jdbc-url is required") && err.toString().contains("usage:"), err.toString());
        err.reset();
        assertEquals(2, run("--jdbc-url", TestDatabase.URL, "--batch-size", "5000"));
        assertTrue(err.toString().contains("between 1 and 1000"), err.toString());
    }
}
