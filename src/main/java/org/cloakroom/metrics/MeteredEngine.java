package org.cloakroom.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.cloakroom.SessionSummary;
import org.cloakroom.engine.CreateException;
import org.cloakroom.engine.Loaded;
import org.cloakroom.engine.SessionEngine;
import org.cloakroom.engine.UpdateException;
import org.cloakroom.event.SessionsExpired;

/**
 * An engine that times its loads and writes into {@link SessionMetrics} and counts what it stored.
 * Everything else passes through. Failed calls are timed too: a slow outage shows in the maximum.
 */
public final class MeteredEngine implements SessionEngine {

    private final SessionEngine engine;
    private final SessionMetrics metrics;

    public MeteredEngine(SessionEngine engine, SessionMetrics metrics) {
        this.engine = engine;
        this.metrics = metrics;
    }

    @Override
    public Optional<String> load(String key) {
        long start = System.nanoTime();
        try {
            return engine.load(key);
        } finally {
            metrics.loaded(System.nanoTime() - start);
        }
    }

    @Override
    public Optional<Loaded> loadVersioned(String key) {
        long start = System.nanoTime();
        try {
            return engine.loadVersioned(key);
        } finally {
            metrics.loaded(System.nanoTime() - start);
        }
    }

    @Override
    public boolean exists(String key) {
        return engine.exists(key);
    }

    @Override
    public String save(String key, String data, Instant expireDate, boolean mustCreate)
            throws CreateException, UpdateException {
        long start = System.nanoTime();
        try {
            String savedUnder = engine.save(key, data, expireDate, mustCreate);
            metrics.saved(data.length());
            return savedUnder;
        } finally {
            metrics.saveTried(System.nanoTime() - start);
        }
    }

    @Override
    public String create(String key, String data, Instant expireDate, String principal) throws CreateException {
        long start = System.nanoTime();
        try {
            String savedUnder = engine.create(key, data, expireDate, principal);
            metrics.saved(data.length());
            return savedUnder;
        } finally {
            metrics.saveTried(System.nanoTime() - start);
        }
    }

    @Override
    public Optional<String> replace(String key, Loaded expected, String data, Instant expireDate) throws UpdateException {
        long start = System.nanoTime();
        try {
            Optional<String> savedUnder = engine.replace(key, expected, data, expireDate);
            if (savedUnder.isPresent()) {
                metrics.saved(data.length());
            }
            return savedUnder;
        } finally {
            metrics.saveTried(System.nanoTime() - start);
        }
    }

    @Override
    public Loaded stored(String data, Instant expireDate, Loaded previous) {
        return engine.stored(data, expireDate, previous);
    }

    @Override
    public void delete(String key) {
        engine.delete(key);
    }

    @Override
    public List<SessionSummary> sessionsOf(String principal) {
        return engine.sessionsOf(principal);
    }

    @Override
    public List<String> deleteSessionsOf(String principal, String keepKey) {
        return engine.deleteSessionsOf(principal, keepKey);
    }

    @Override
    public long clearExpired() {
        return engine.clearExpired();
    }

    @Override
    public long clearExpiredReporting(Consumer<List<SessionsExpired.Expired>> removed) {
        return engine.clearExpiredReporting(removed);
    }

    @Override
    public OptionalLong countLive() {
        return engine.countLive();
    }

    @Override
    public void probe() {
        engine.probe();
    }

    @Override
    public boolean isWellFormedKey(String cookieValue) {
        return engine.isWellFormedKey(cookieValue);
    }

    @Override
    public String newKey() {
        return engine.newKey();
    }

    @Override
    public void checkConfiguration() {
        engine.checkConfiguration();
    }
}
