package org.cloakroom.contract;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.cloakroom.SessionSummary;
import org.cloakroom.internal.engine.ForwardingEngine;
import org.cloakroom.event.SessionsExpired;
import org.cloakroom.spi.CreateException;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.spi.UpdateException;

/** Passes every call to the engine under test and counts them, to prove laziness for any engine. */
public final class CountingEngine extends ForwardingEngine {

    private int calls;
    private final AtomicInteger conflicts = new AtomicInteger();

    CountingEngine(SessionEngine engine) {
        super(engine);
    }

    public int calls() {
        return calls;
    }

    public SessionEngine inner() {
        return engine;
    }

    /** How many compare-and-sets lost to another save so far (counted across threads). */
    public int conflicts() {
        return conflicts.get();
    }

    @Override
    public Optional<String> load(String key) {
        calls++;
        return super.load(key);
    }

    @Override
    public boolean exists(String key) {
        calls++;
        return super.exists(key);
    }

    @Override
    public String save(String key, String data, Instant expireDate, boolean mustCreate)
            throws CreateException, UpdateException {
        calls++;
        return super.save(key, data, expireDate, mustCreate);
    }

    @Override
    public String create(String key, String data, Instant expireDate, String principal) throws CreateException {
        calls++;
        return super.create(key, data, expireDate, principal);
    }

    @Override
    public List<SessionSummary> sessionsOf(String principal) {
        calls++;
        return super.sessionsOf(principal);
    }

    @Override
    public List<String> deleteSessionsOf(String principal, String keepKey) {
        calls++;
        return super.deleteSessionsOf(principal, keepKey);
    }

    @Override
    public Optional<Loaded> loadVersioned(String key) {
        calls++;
        return super.loadVersioned(key);
    }

    @Override
    public Optional<String> replace(String key, Loaded expected, String data, Instant expireDate) throws UpdateException {
        calls++;
        Optional<String> saved = super.replace(key, expected, data, expireDate);
        if (saved.isEmpty()) {
            conflicts.incrementAndGet();
        }
        return saved;
    }

    @Override
    public void delete(String key) {
        calls++;
        super.delete(key);
    }

    @Override
    public long clearExpired() {
        calls++;
        return super.clearExpired();
    }

    @Override
    public long clearExpiredReporting(Consumer<List<SessionsExpired.Expired>> removed) {
        calls++;
        return super.clearExpiredReporting(removed);
    }
}
