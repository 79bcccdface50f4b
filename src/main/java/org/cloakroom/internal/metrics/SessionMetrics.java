package org.cloakroom.internal.metrics;

import java.util.List;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import org.cloakroom.internal.engine.SessionListener;

/**
 * The counters of one deployment's sessions. The session rules move them through the
 * {@link SessionListener} methods, {@link MeteredEngine} times the engine, and the store records
 * cleanup runs; {@link #readings()} lists them, named and described once, for every exporter.
 */
public final class SessionMetrics implements SessionListener {

    /** One exported value. Counters only grow; gauges are read as they are. */
    public record Reading(String name, String description, boolean counter, DoubleSupplier value) {
    }

    private final String engine;
    private final LongAdder created = new LongAdder();
    private final LongAdder saved = new LongAdder();
    private final LongAdder deleted = new LongAdder();
    private final LongAdder cycled = new LongAdder();
    private final LongAdder interrupted = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder rejectedCookies = new LongAdder();
    private final LongAdder unknownKeys = new LongAdder();
    private final LongAdder corruptData = new LongAdder();
    private final Timing loads = new Timing();
    private final Timing saves = new Timing();
    private final LongAdder savedSize = new LongAdder();
    private final LongAccumulator maxSavedSize = new LongAccumulator(Math::max, 0);
    private final LongAdder cleanupRuns = new LongAdder();
    private final LongAdder cleanupFailures = new LongAdder();
    private final LongAdder cleanupRemoved = new LongAdder();
    private volatile double lastCleanupSeconds;
    private volatile long lastCleanupSuccess;

    /** @param engine the {@code SESSION_ENGINE} value, which tags every reading */
    public SessionMetrics(String engine) {
        this.engine = engine;
    }

    public String engine() {
        return engine;
    }

    // ---- moved by the session rules -----------------------------------------------------------

    @Override
    public void created(String key) {
        created.increment();
    }

    @Override
    public void cycled(String formerKey, String key) {
        cycled.increment();
    }

    @Override
    public void deleted(String key) {
        deleted.increment();
    }

    @Override
    public void cookieRejected() {
        rejectedCookies.increment();
    }

    @Override
    public void keyUnknown() {
        unknownKeys.increment();
    }

    @Override
    public void dataCorrupt() {
        corruptData.increment();
    }

    @Override
    public void saveRefused(int status) {
        (status == 409 ? conflicts : interrupted).increment();
    }

    /** Sessions deleted at once (all of a user's): one each. */
    public void deleted(int count) {
        deleted.add(count);
    }

    // ---- moved by the engine and the cleanup --------------------------------------------------

    void loaded(long nanos) {
        loads.record(nanos);
    }

    void saveTried(long nanos) {
        saves.record(nanos);
    }

    void saved(int size) {
        saved.increment();
        savedSize.add(size);
        maxSavedSize.accumulate(size);
    }

    /** A cleanup run (the timer's, an operator's, the application's) that removed {@code removed} sessions. */
    public void cleanupSucceeded(long removed, long nanos, long epochMillis) {
        cleanupRuns.increment();
        cleanupRemoved.add(removed);
        lastCleanupSeconds = nanos / 1e9;
        lastCleanupSuccess = epochMillis;
    }

    /** A cleanup run that failed. */
    public void cleanupFailed() {
        cleanupRuns.increment();
        cleanupFailures.increment();
    }

    /** When a cleanup run last succeeded, in epoch milliseconds; 0 if none has yet. */
    public long lastCleanupSuccess() {
        return lastCleanupSuccess;
    }

    /**
     * Every value, named as exported ({@code cloakroom.} first; Prometheus shows dots as
     * underscores and adds {@code _total} to counters). No name ends in {@code created}, a suffix
     * OpenMetrics reserves (Micrometer's Prometheus registry would cut it off). Live sessions are not here: counting them
     * may query the store, so exporters ask for it on demand.
     */
    public List<Reading> readings() {
        return List.of(
                counter("cloakroom.sessions.creations", "Sessions stored for the first time", created),
                counter("cloakroom.sessions.saved", "Writes of session data (creations and updates)", saved),
                counter("cloakroom.sessions.deleted", "Sessions deleted (flush, logout, by user or key; not the cleanup)", deleted),
                counter("cloakroom.sessions.key.cycles", "Keys cycled (cycleKey, logins)", cycled),
                counter("cloakroom.sessions.interrupted", "Saves refused with 400: the session was deleted by another request", interrupted),
                counter("cloakroom.sessions.conflicts", "Saves refused with 409: concurrent saves kept winning", conflicts),
                counter("cloakroom.cookies.rejected", "Session cookies whose value this engine could not have issued", rejectedCookies),
                counter("cloakroom.sessions.unknown", "Well-formed keys naming no stored session (expired, deleted, forged)", unknownKeys),
                counter("cloakroom.sessions.corrupt", "Stored sessions whose data did not decode", corruptData),
                new Reading("cloakroom.session.loads", "Loads from the engine", true, loads::count),
                new Reading("cloakroom.session.load.seconds", "Time spent loading, in seconds", true, loads::totalSeconds),
                new Reading("cloakroom.session.load.seconds.max", "Longest load, in seconds", false, loads::maxSeconds),
                new Reading("cloakroom.session.saves", "Writes tried on the engine (merges and collisions included)", true, saves::count),
                new Reading("cloakroom.session.save.seconds", "Time spent writing, in seconds", true, saves::totalSeconds),
                new Reading("cloakroom.session.save.seconds.max", "Longest write, in seconds", false, saves::maxSeconds),
                counter("cloakroom.session.saved.size", "Characters of encoded session data written", savedSize),
                new Reading("cloakroom.session.saved.size.max", "Largest encoded session written, in characters", false, maxSavedSize::get),
                counter("cloakroom.cleanup.runs", "Runs of the expired-session cleanup", cleanupRuns),
                counter("cloakroom.cleanup.failures", "Cleanup runs that failed", cleanupFailures),
                counter("cloakroom.cleanup.removed", "Expired sessions the cleanup removed", cleanupRemoved),
                new Reading("cloakroom.cleanup.last.seconds", "Duration of the last successful cleanup run, in seconds", false,
                        () -> lastCleanupSeconds),
                new Reading("cloakroom.cleanup.last.success", "When the last cleanup run succeeded, in epoch seconds (0: never)", false,
                        () -> lastCleanupSuccess / 1000L));
    }

    private static Reading counter(String name, String description, LongAdder adder) {
        return new Reading(name, description, true, adder::sum);
    }
}
