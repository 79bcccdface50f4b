package org.cloakroom.internal.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.cloakroom.SessionSummary;
import org.cloakroom.event.SessionsExpired;
import org.cloakroom.spi.CreateException;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.spi.UpdateException;

/**
 * An engine that hands every call to another: the base of decorators, which override only what
 * they add to (the outage guard, the metrics). Every method of the SPI is forwarded, defaults
 * included, so the wrapped engine's own versions are the ones that run.
 */
public abstract class ForwardingEngine implements SessionEngine {

    protected final SessionEngine engine;

    protected ForwardingEngine(SessionEngine engine) {
        this.engine = engine;
    }

    @Override
    public Optional<String> load(String key) {
        return engine.load(key);
    }

    @Override
    public Optional<Loaded> loadVersioned(String key) {
        return engine.loadVersioned(key);
    }

    @Override
    public boolean exists(String key) {
        return engine.exists(key);
    }

    @Override
    public String save(String key, String data, Instant expireDate, boolean mustCreate)
            throws CreateException, UpdateException {
        return engine.save(key, data, expireDate, mustCreate);
    }

    @Override
    public String create(String key, String data, Instant expireDate, String principal) throws CreateException {
        return engine.create(key, data, expireDate, principal);
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
    public Optional<String> replace(String key, Loaded expected, String data, Instant expireDate) throws UpdateException {
        return engine.replace(key, expected, data, expireDate);
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
