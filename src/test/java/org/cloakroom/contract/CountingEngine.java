package org.cloakroom.contract;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloakroom.SessionSummary;
import org.cloakroom.spi.CreateException;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.spi.UpdateException;

/** Passes every call to the engine under test and counts them, to prove laziness for any engine. */
public final class CountingEngine implements SessionEngine {

    private final SessionEngine engine;
    private int calls;
    private final AtomicInteger conflicts = new AtomicInteger();

    CountingEngine(SessionEngine engine) {
        this.engine = engine;
    }

    public int calls() {
        return calls;
    }

    public SessionEngine inner() {
        return engine;
    }

    @Override
    public Optional<String> load(String key) {
        calls++;
        return engine.load(key);
    }

    @Override
    public boolean exists(String key) {
        calls++;
        return engine.exists(key);
    }

    @Override
    public String save(String key, String data, Instant expireDate, boolean mustCreate)
            throws CreateException, UpdateException {
        calls++;
        return engine.save(key, data, expireDate, mustCreate);
    }

    @Override
    public String create(String key, String data, Instant expireDate, String principal) throws CreateException {
        calls++;
        return engine.create(key, data, expireDate, principal);
    }

    @Override
    public List<SessionSummary> sessionsOf(String principal) {
        calls++;
        return engine.sessionsOf(principal);
    }

    @Override
    public List<String> deleteSessionsOf(String principal, String keepKey) {
        calls++;
        return engine.deleteSessionsOf(principal, keepKey);
    }

    @Override
    public Optional<Loaded> loadVersioned(String key) {
        calls++;
        return engine.loadVersioned(key);
    }

    @Override
    public Optional<String> replace(String key, Loaded expected, String data, Instant expireDate) throws UpdateException {
        calls++;
        Optional<String> saved = engine.replace(key, expected, data, expireDate);
        if (saved.isEmpty()) {
            conflicts.incrementAndGet();
        }
        return saved;
    }

    @Override
    public Loaded stored(String data, Instant expireDate, Loaded previous) {
        return engine.stored(data, expireDate, previous);
    }

    /** How many compare-and-sets lost to another save so far (counted across threads). */
    public int conflicts() {
        return conflicts.get();
    }

    @Override
    public void delete(String key) {
        calls++;
        engine.delete(key);
    }

    @Override
    public long clearExpired() {
        calls++;
        return engine.clearExpired();
    }

    @Override
    public boolean isWellFormedKey(String cookieValue) {
        return engine.isWellFormedKey(cookieValue);
    }

    @Override
    public String newKey() {
        return engine.newKey();
    }
}
