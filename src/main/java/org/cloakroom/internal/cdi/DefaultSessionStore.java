package org.cloakroom.internal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.cloakroom.Session;
import org.cloakroom.SessionStore;
import org.cloakroom.SessionSummary;
import org.cloakroom.internal.engine.BaseSession;
import org.cloakroom.internal.metrics.SessionMetrics;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.spi.SessionKeys;

/** {@link SessionStore} over the configured engine; its sessions follow every rule, as request sessions do. */
@ApplicationScoped
public class DefaultSessionStore implements SessionStore {

    private SessionServices services;
    private SessionEngine engine;

    /** For CDI's proxies only. */
    protected DefaultSessionStore() {
    }

    @Inject
    public DefaultSessionStore(SessionServices services) {
        this.services = services;
        this.engine = services.engine();
    }

    @Override
    public Session create() {
        BaseSession session = open(null);
        session.create();
        return session;
    }

    @Override
    public Session newSession() {
        return open(null);
    }

    @Override
    public Session load(String key) {
        return open(key);
    }

    @Override
    public boolean exists(String key) {
        return key != null && engine.isWellFormedKey(key) && engine.exists(key);
    }

    @Override
    public void delete(String key) {
        if (key != null && engine.isWellFormedKey(key)) {
            engine.delete(key);
            services.listener().deleted(key);
        }
    }

    @Override
    public List<SessionSummary> sessionsOf(String principal, Session current) {
        String currentId = current == null || current.getSessionKey() == null ? null
                : SessionKeys.storageId(current.getSessionKey());
        return engine.sessionsOf(principal).stream()
                .map(s -> s.id().equals(currentId) ? new SessionSummary(s.id(), s.expires(), true) : s)
                .toList();
    }

    @Override
    public int deleteSessionsOf(String principal, Session keep) {
        List<String> ids = engine.deleteSessionsOf(principal, keep == null ? null : keep.getSessionKey());
        services.metrics().deleted(ids.size());
        services.events().deletedIds(ids);
        return ids.size();
    }

    /** Fires {@code SessionsExpired} for each batch when something observes it; every run is counted. */
    @Override
    public long clearExpired() {
        SessionEvents events = services.events();
        SessionMetrics metrics = services.metrics();
        long start = System.nanoTime();
        try {
            long removed = events.expiredObserved() ? engine.clearExpiredReporting(events::expired) : engine.clearExpired();
            metrics.cleanupSucceeded(removed, System.nanoTime() - start, System.currentTimeMillis());
            return removed;
        } catch (RuntimeException e) {
            metrics.cleanupFailed();
            throw e;
        }
    }

    private BaseSession open(String key) {
        return new BaseSession(engine, services.codec(), services.settings().expiry(), services.settings().clock(), key,
                services.listener());
    }
}
