package org.cloakroom.internal.metrics;

import java.time.Instant;
import java.util.Optional;
import org.cloakroom.internal.engine.ForwardingEngine;
import org.cloakroom.spi.CreateException;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.spi.UpdateException;

/**
 * An engine that times its loads and writes into {@link SessionMetrics} and counts what it stored.
 * Everything else passes through. Failed calls are timed too: a slow outage shows in the maximum.
 */
public final class MeteredEngine extends ForwardingEngine {

    private final SessionMetrics metrics;

    public MeteredEngine(SessionEngine engine, SessionMetrics metrics) {
        super(engine);
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
}
