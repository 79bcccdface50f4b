package org.cloakroom.internal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.cloakroom.codec.SessionCodec;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.internal.engine.ActiveEngine;
import org.cloakroom.internal.engine.GuardedEngine;
import org.cloakroom.internal.engine.SessionListener;
import org.cloakroom.internal.metrics.MeteredEngine;
import org.cloakroom.internal.metrics.SessionMetrics;
import org.cloakroom.spi.SessionEngine;

/**
 * The engine, codec and settings of this deployment, resolved once: a request's session is built
 * from them without any per-request bean look-up.
 */
@ApplicationScoped
public class SessionServices {

    private SessionEngine engine;
    private SessionCodec codec;
    private SessionSettings settings;
    private SessionEvents events;
    private SessionMetrics metrics;
    private SessionListener listener;

    /** For CDI's proxies only. */
    protected SessionServices() {
    }

    @Inject
    public SessionServices(@ActiveEngine SessionEngine engine, SessionCodec codec, SessionSettings settings,
            SessionEvents events, SessionMetrics metrics) {
        // Storage failures become 503s, and an outage is logged once, not per request.
        this.engine = new GuardedEngine(new MeteredEngine(engine, metrics));
        this.metrics = metrics;
        this.codec = codec;
        this.settings = settings;
        this.events = events;
    }

    public SessionEngine engine() {
        return engine;
    }

    public SessionCodec codec() {
        return codec;
    }

    public SessionSettings settings() {
        return settings;
    }

    /** What a session tells of its storage changes, resolved once. */
    public SessionListener listener() {
        if (listener == null) {
            listener = SessionListener.both(metrics, events.listener());
        }
        return listener;
    }

    /** The counters of this deployment's sessions. */
    public SessionMetrics metrics() {
        return metrics;
    }

    /** The events of this deployment (see {@code org.cloakroom.event}). */
    public SessionEvents events() {
        return events;
    }
}
