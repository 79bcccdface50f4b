package org.cloakroom.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.cloakroom.codec.SessionCodec;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.internal.engine.BaseSession;
import org.cloakroom.spi.CreateException;
import org.cloakroom.spi.SessionKeys;
import org.cloakroom.testing.InMemoryEngine;
import org.junit.jupiter.api.Test;

/**
 * Every counter moves exactly once per event, through the real session rules over a metered
 * engine, and nothing else moves with it.
 */
class SessionMetricsTest {

    private final SessionSettings settings = SessionSettings.defaults();
    private boolean failWrites;
    private final InMemoryEngine store = new InMemoryEngine(settings) {
        @Override
        public String create(String key, String data, Instant expireDate, String principal) throws CreateException {
            if (failWrites) {
                throw new IllegalStateException("the store is down");
            }
            return super.create(key, data, expireDate, principal);
        }
    };
    private final SessionMetrics metrics = new SessionMetrics("memory");
    private final MeteredEngine engine = new MeteredEngine(store, metrics);
    private Map<String, Double> before = values();

    private BaseSession session(String cookie) {
        return new BaseSession(engine, SessionCodec.defaults(), settings.expiry(), settings.clock(), cookie, metrics);
    }

    private Map<String, Double> values() {
        Map<String, Double> values = new TreeMap<>();
        metrics.readings().stream().filter(SessionMetrics.Reading::counter)
                .forEach(r -> values.put(r.name(), r.value().getAsDouble()));
        return values;
    }

    /** The counters that moved since the last call, by how much (times excluded: they are not counts). */
    private Map<String, Double> moved() {
        Map<String, Double> now = values();
        Map<String, Double> moved = new TreeMap<>();
        now.forEach((name, value) -> {
            if (!name.endsWith(".seconds") && !name.endsWith(".size") && value - before.get(name) != 0) {
                moved.put(name, value - before.get(name));
            }
        });
        before = now;
        return moved;
    }

    private String stored() {
        BaseSession s = session(null);
        s.put("n", 1);
        s.save();
        moved();
        return s.getSessionKey();
    }

    @Test
    void creatingASessionCountsOneCreationAndOneSave() {
        BaseSession s = session(null);
        s.put("n", 1);
        s.save();
        assertEquals(Map.of("cloakroom.sessions.creations", 1.0, "cloakroom.sessions.saved", 1.0,
                "cloakroom.session.saves", 1.0), moved());
    }

    @Test
    void readingAStoredSessionCountsOneLoadAndUpdatingItOneSave() {
        String key = stored();
        BaseSession s = session(key);
        assertEquals(1, s.get("n"));
        assertEquals(Map.of("cloakroom.session.loads", 1.0), moved());
        s.put("n", 2);
        s.save();
        assertEquals(Map.of("cloakroom.sessions.saved", 1.0, "cloakroom.session.saves", 1.0), moved());
    }

    @Test
    void cyclingTheKeyCountsOneCycleAndNoCreationOrDeletion() {
        BaseSession s = session(stored());
        s.cycleKey();
        assertEquals(Map.of("cloakroom.sessions.key.cycles", 1.0, "cloakroom.session.loads", 1.0,
                "cloakroom.sessions.saved", 1.0, "cloakroom.session.saves", 1.0), moved());
    }

    @Test
    void flushingCountsOneDeletion() {
        BaseSession s = session(stored());
        s.flush();
        assertEquals(Map.of("cloakroom.sessions.deleted", 1.0), moved());
    }

    @Test
    void aCookieNoEngineCouldHaveIssuedCountsOneRejection() {
        BaseSession s = session("not-a-key\u00e9");
        assertTrue(s.isEmpty());
        assertEquals(Map.of("cloakroom.cookies.rejected", 1.0), moved());
    }

    @Test
    void aWellFormedKeyOfNoStoredSessionCountsOneUnknownKey() {
        BaseSession s = session(SessionKeys.generate());
        assertTrue(s.isEmpty());
        assertEquals(Map.of("cloakroom.sessions.unknown", 1.0, "cloakroom.session.loads", 1.0), moved());
    }

    @Test
    void dataThatDoesNotDecodeCountsOneCorruption() throws Exception {
        String key = SessionKeys.generate();
        store.save(key, "{not json", Instant.now().plusSeconds(60), true);
        assertTrue(session(key).isEmpty());
        assertEquals(Map.of("cloakroom.sessions.corrupt", 1.0, "cloakroom.session.loads", 1.0), moved());
    }

    @Test
    void refusedSavesAreCountedByStatus() {
        metrics.saveRefused(400);
        metrics.saveRefused(409);
        metrics.saveRefused(409);
        assertEquals(Map.of("cloakroom.sessions.interrupted", 1.0, "cloakroom.sessions.conflicts", 2.0), moved());
    }

    @Test
    void cleanupRunsCountTheirRowsAndFailuresAndRememberTheLastSuccess() {
        metrics.cleanupSucceeded(7, 2_000_000, 1_700_000_000_000L);
        metrics.cleanupFailed();
        assertEquals(Map.of("cloakroom.cleanup.runs", 2.0, "cloakroom.cleanup.removed", 7.0,
                "cloakroom.cleanup.failures", 1.0), moved());
        assertEquals(1_700_000_000_000L, metrics.lastCleanupSuccess());
        assertEquals(1_700_000_000.0, reading("cloakroom.cleanup.last.success"));
        assertEquals(0.002, reading("cloakroom.cleanup.last.seconds"));
    }

    @Test
    void savesAreTimedAndSizedEvenWhenTheyFail() {
        BaseSession s = session(null);
        s.put("text", "x".repeat(100));
        s.save();
        String encoded = SessionCodec.defaults().encode(Map.of("text", "x".repeat(100)));
        assertEquals(encoded.length(), reading("cloakroom.session.saved.size"));
        assertEquals(encoded.length(), reading("cloakroom.session.saved.size.max"));
        assertTrue(reading("cloakroom.session.save.seconds") > 0);
        failWrites = true;
        BaseSession failing = session(null);
        failing.put("n", 1);
        assertThrows(IllegalStateException.class, failing::save);
        assertEquals(2.0, reading("cloakroom.session.saves"));
        assertEquals(1.0, reading("cloakroom.sessions.saved"));
    }

    private double reading(String name) {
        return metrics.readings().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow()
                .value().getAsDouble();
    }
}
