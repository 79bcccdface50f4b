package org.cloakroom.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.cloakroom.config.Setting;
import org.cloakroom.contract.DatabaseEngineFixture;
import org.cloakroom.internal.http.SessionMiddleware;
import org.cloakroom.spi.Loaded;
import org.cloakroom.testing.SqlCounter;
import org.junit.jupiter.api.Test;

/** The SQL each kind of request costs with the {@code db} engine, counted statement by statement. */
class DatabaseEngineStatementsTest extends DatabaseEngineFixture {

    /** Runs one request's end (the middleware) and returns the statements it and {@code work} ran. */
    private void request(BaseSession s, boolean cookie, Runnable work) {
        SqlCounter.reset();
        work.run();
        new SessionMiddleware(settings).finish(s, cookie, 200);
    }

    private String stored() {
        BaseSession s = newSession();
        s.put("a", 1);
        s.save();
        return s.getSessionKey();
    }

    private void assertStatements(long select, long insert, long update, long delete) {
        String all = String.join("\n", SqlCounter.statements());
        assertEquals(select, SqlCounter.count("select"), all);
        assertEquals(insert, SqlCounter.count("insert"), all);
        assertEquals(update, SqlCounter.count("update"), all);
        assertEquals(delete, SqlCounter.count("delete"), all);
        assertEquals(select + insert + update + delete, SqlCounter.total(), all);
    }

    @Test
    void aRequestThatNeverTouchesTheSessionRunsNoStatement() {
        String key = stored();
        request(session(key), true, () -> { });
        assertStatements(0, 0, 0, 0);
    }

    @Test
    void aRequestWithoutCookieThatOnlyReadsRunsNoStatement() {
        BaseSession s = newSession();
        request(s, false, () -> s.get("a"));
        assertStatements(0, 0, 0, 0);
    }

    @Test
    void readingAStoredSessionRunsOneSelect() {
        BaseSession s = session(stored());
        request(s, true, () -> s.get("a"));
        assertStatements(1, 0, 0, 0);
    }

    @Test
    void modifyingAStoredSessionAddsExactlyOneUpdate() {
        BaseSession s = session(stored());
        request(s, true, () -> s.put("b", 2));
        assertStatements(1, 0, 1, 0);
    }

    @Test
    void creatingASessionRunsOneInsert() {
        BaseSession s = newSession();
        request(s, false, () -> s.put("a", 1));
        assertStatements(0, 1, 0, 0);
        assertNotNull(s.getSessionKey());
    }

    @Test
    void cycleKeyRereadsTheOldRowThenRunsOneInsertAndOneDelete() {
        BaseSession s = session(stored());
        s.get("a");
        // Loaded before: the re-read carries what concurrent requests saved under the old key since.
        request(s, true, s::cycleKey);
        assertStatements(1, 1, 0, 1);
    }

    @Test
    void aLoginCyclesTheKeyAndStoresTheUserWithOneInsertOneUpdateAndOneDelete() {
        BaseSession s = session(stored());
        request(s, true, () -> {
            s.cycleKey();
            s.put("user", 7);
        });
        assertStatements(1, 1, 1, 1);
    }

    @Test
    void savingTwiceInOneRequestComparesAgainstWhatItStoredWithoutReading() {
        BaseSession s = session(stored());
        request(s, true, () -> {
            s.put("b", 2);
            s.save();
            s.put("c", 3);
        });
        assertStatements(1, 0, 2, 0);
    }

    @Test
    void withRefreshOnReadAReadRunsOneSelectUntilTheIntervalAndOneUpdateMoreWhenDue() {
        configure(b -> b.set(Setting.SESSION_REFRESH_ON_READ, true).set(Setting.SESSION_REFRESH_INTERVAL, 60));
        String key = stored();
        clock.advance(Duration.ofSeconds(59));
        BaseSession early = session(key);
        request(early, true, () -> early.get("a"));
        assertStatements(1, 0, 0, 0);
        clock.advance(Duration.ofSeconds(1));
        BaseSession due = session(key);
        request(due, true, () -> due.get("a"));
        assertStatements(1, 0, 1, 0);
    }

    @Test
    void flushRunsOneDelete() {
        BaseSession s = session(stored());
        request(s, true, s::flush);
        assertStatements(0, 0, 0, 1);
    }

    @Test
    void clearExpiredDeletesInBoundedBatches() {
        clearTwentyFiveSessionsInBatchesOfTen(Duration.ZERO);
        assertEquals(0, rangeDeletes(), "one expiry for all: every batch by key");
    }

    @Test
    void clearExpiredDeletesInBoundedBatchesWhenEachSessionExpiresAtItsOwnTime() {
        clearTwentyFiveSessionsInBatchesOfTen(Duration.ofMillis(10));
        assertEquals(2, rangeDeletes(), "two index ranges, then the last five by key");
    }

    @Test
    void eachCleanupBatchStartsWhereThePreviousOneEnded() {
        // Deleted rows stay in the expiry index until a vacuum: a batch scanning from the index's start
        // would step over every row that the run has deleted so far.
        clearTwentyFiveSessionsInBatchesOfTen(Duration.ofMillis(10));
        List<String> run = SqlCounter.statements().stream().map(q -> q.trim().toLowerCase()).toList();
        List<String> bounded = run.stream().filter(q -> q.contains(">=")).toList();
        assertEquals(List.of("select", "delete", "select", "select"),
                bounded.stream().map(q -> q.substring(0, 6)).toList(), String.join("\n", run));
    }

    /** 25 sessions saved {@code apart} from each other, expired, cleared in three DELETEs; a live one stays. */
    private void clearTwentyFiveSessionsInBatchesOfTen(Duration apart) {
        configure(b -> b.set(Setting.SESSION_CLEAR_EXPIRED_BATCH_SIZE, 10));
        for (int i = 0; i < 25; i++) {
            BaseSession s = newSession();
            s.put("i", i);
            s.setExpiry(5);
            s.save();
            clock.advance(apart);
        }
        String live = stored();
        clock.advance(Duration.ofSeconds(6));
        SqlCounter.reset();
        assertEquals(25, engine.clearExpired());
        assertEquals(3, SqlCounter.count("delete"));
        assertTrue(engine.exists(live));
        assertEquals(0, engine.clearExpired());
    }

    private static long rangeDeletes() {
        return SqlCounter.statements().stream()
                .map(q -> q.trim().toLowerCase())
                .filter(q -> q.startsWith("delete") && !q.contains(" in "))
                .count();
    }
}
