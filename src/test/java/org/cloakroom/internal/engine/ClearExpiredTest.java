package org.cloakroom.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.config.Setting;
import org.cloakroom.event.SessionsExpired;
import org.cloakroom.spi.CreateException;
import org.cloakroom.spi.SessionKeys;
import org.cloakroom.spi.UpdateException;
import org.cloakroom.testing.Engines;
import org.cloakroom.testing.SqlCounter;
import org.cloakroom.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Clearing expired sessions at size and from several nodes at once, on the database under test
 * (run it with -Ppostgres or -Pmariadb for the real thing).
 */
class ClearExpiredTest {

    private static final String SESSION_DATA = "{\"member_id\":[\"i\",42]}";

    @BeforeEach
    void emptyTable() {
        TestDatabase.clear();
    }

    private static DatabaseEngine node(int batchSize) {
        return Engines.database(TestDatabase.factory(),
                SessionSettings.builder().set(Setting.SESSION_CLEAR_EXPIRED_BATCH_SIZE, batchSize).build());
    }

    /**
     * Inserts rows with JDBC batches: far faster than one session at a time. Their expiry is
     * {@code expireDate} minus {@code stepMillis} per row: 0 gives them all one expiry (the engine
     * then deletes by key), 1 a backlog of distinct expiries (it deletes index ranges).
     */
    private static List<String> fill(int count, Instant expireDate, int stepMillis) {
        List<String> keys = new ArrayList<>(count);
        TestDatabase.factory();
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into cloakroom_session (session_key, session_data, expire_date, session_version) values (?, ?, ?, 0)")) {
                for (int i = 0; i < count; i++) {
                    String key = SessionKeys.generate();
                    keys.add(key);
                    insert.setString(1, SessionKeys.storageId(key));
                    insert.setString(2, SESSION_DATA);
                    insert.setObject(3, LocalDateTime.ofInstant(expireDate.minusMillis((long) i * stepMillis), ZoneOffset.UTC));
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            c.commit();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return keys;
    }

    /** What a login stores, as the row of a session logged in as {@code principal}, expiring at {@code expireDate}. */
    private static String loggedIn(DatabaseEngine engine, String principal, Instant expireDate) {
        String key = SessionKeys.generate();
        try {
            engine.create(key, SESSION_DATA, expireDate, principal);
        } catch (CreateException e) {
            throw new IllegalStateException(e);
        }
        return SessionKeys.storageId(key);
    }

    @Test
    void aReportedCleanupTellsEachRemovedSessionAndItsCallerOnceBatchByBatchAndKeepsTheLiveOnes() {
        DatabaseEngine engine = node(3);
        Instant past = Instant.now().minusSeconds(60);
        List<String> anonymous = fill(4, past, 1).stream().map(SessionKeys::storageId).toList();
        String alice = loggedIn(engine, "alice", past.minusSeconds(1));
        String bob = loggedIn(engine, "bob", past.plusSeconds(1));
        String live = loggedIn(engine, "alice", Instant.now().plusSeconds(600));
        List<List<SessionsExpired.Expired>> batches = new ArrayList<>();
        assertEquals(6, engine.clearExpiredReporting(batches::add));
        assertEquals(List.of(3, 3), batches.stream().map(List::size).toList());
        java.util.Map<String, String> reported = new java.util.HashMap<>();
        batches.forEach(b -> b.forEach(e -> assertNull(reported.put(e.id(), String.valueOf(e.principal())), "reported twice")));
        java.util.Map<String, String> expected = new java.util.HashMap<>();
        anonymous.forEach(id -> expected.put(id, "null"));
        expected.put(alice, "alice");
        expected.put(bob, "bob");
        assertEquals(expected, reported);
        assertEquals(List.of(live), engine.sessionsOf("alice").stream().map(s -> s.id()).toList());
        assertEquals(0, engine.clearExpiredReporting(batches::add));
        assertEquals(2, batches.size(), "an empty run reports nothing");
    }

    @ParameterizedTest(name = "rows apart by {0} ms")
    @ValueSource(ints = {0, 1})
    void twoNodesClearingAtTheSameMomentBothFinishAndRemoveEachExpiredRowOnce(int stepMillis) throws Exception {
        fill(6_000, Instant.now().minus(Duration.ofHours(1)), stepMillis);
        List<String> live = fill(500, Instant.now().plus(Duration.ofHours(1)), stepMillis);
        DatabaseEngine a = node(200);
        DatabaseEngine b = node(200);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Long> fromA = pool.submit(a::clearExpired);
            Future<Long> fromB = pool.submit(b::clearExpired);
            assertEquals(6_000, fromA.get() + fromB.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, a.clearExpired());
        assertTrue(live.stream().allMatch(a::exists));
    }

    /**
     * 200,000 expired and 20,000 live sessions: clearExpired removes exactly the expired ones in
     * batches of 1,000 while requests go on being served. Slow: only with -Dcloakroom.scaleTests=true.
     */
    @Test
    void clearingAtSizeRemovesExactlyTheExpiredRowsInBatchesWhileRequestsAreServed() throws Exception {
        assumeTrue(Boolean.getBoolean("cloakroom.scaleTests"),
                "scale test skipped: run with -Dcloakroom.scaleTests=true (CI does, on PostgreSQL)");
        // A backlog of distinct expiries, as sessions leave them: the engine deletes index ranges.
        fill(200_000, Instant.now().minus(Duration.ofDays(1)), 1);
        List<String> live = fill(20_000, Instant.now().plus(Duration.ofDays(1)), 1);
        DatabaseEngine cleaner = node(1_000);
        DatabaseEngine server = node(1_000);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong served = new AtomicLong();
        AtomicLong slowestRequestMillis = new AtomicLong();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<?> requests = pool.submit(() -> {
            int i = 0;
            while (!done.get()) {
                String key = live.get(i++ % live.size());
                long start = System.nanoTime();
                String data = server.load(key).orElseThrow();
                try {
                    server.save(key, data, Instant.now().plus(Duration.ofDays(1)), false);
                } catch (CreateException | UpdateException e) {
                    throw new IllegalStateException(e);
                }
                slowestRequestMillis.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                served.incrementAndGet();
            }
            return null;
        });
        SqlCounter.reset();
        BatchTimes batches = BatchTimes.record();
        long started = System.nanoTime();
        long removed;
        try {
            removed = cleaner.clearExpired();
        } finally {
            batches.stop();
        }
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        done.set(true);
        requests.get();
        pool.shutdown();
        long deletes = SqlCounter.statements().stream().filter(s -> s.trim().toLowerCase().startsWith("delete")).count();
        System.out.printf("%s: clearExpired removed %d rows in %d ms with %d DELETE statements; longest batch transaction "
                + "%d ms; %d requests served meanwhile, slowest %d ms%n", TestDatabase.URL, removed, tookMillis, deletes,
                batches.longestMillis(), served.get(), slowestRequestMillis.get());
        assertEquals(200_000, removed);
        assertEquals(200, batches.count(), "bounded batches of 1,000");
        assertTrue(batches.longestMillis() < 2_000, "no batch holds its locks long: " + batches.longestMillis() + " ms");
        assertTrue(served.get() > 0, "requests were served during the cleanup");
        assertTrue(live.stream().limit(1_000).allMatch(server::exists));
        assertEquals(0, cleaner.clearExpired());
    }

    /** Collects the duration of each cleanup transaction from the engine's FINE log. */
    private static final class BatchTimes extends java.util.logging.Handler {

        private static final java.util.logging.Logger ENGINE = java.util.logging.Logger.getLogger(DatabaseEngine.class.getName());
        private final List<Long> millis = new java.util.concurrent.CopyOnWriteArrayList<>();
        private java.util.logging.Level previous;

        static BatchTimes record() {
            BatchTimes times = new BatchTimes();
            times.previous = ENGINE.getLevel();
            ENGINE.setLevel(java.util.logging.Level.FINE);
            ENGINE.addHandler(times);
            return times;
        }

        void stop() {
            ENGINE.removeHandler(this);
            ENGINE.setLevel(previous);
        }

        int count() {
            return millis.size();
        }

        long longestMillis() {
            return millis.stream().mapToLong(Long::longValue).max().orElse(0);
        }

        @Override
        public void publish(java.util.logging.LogRecord record) {
            if (record.getMessage().startsWith("Deleted") && record.getParameters() != null) {
                millis.add(((Number) record.getParameters()[1]).longValue());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
