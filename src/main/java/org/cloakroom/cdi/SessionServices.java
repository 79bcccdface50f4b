package org.cloakroom.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.cloakroom.codec.SessionCodec;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.engine.ActiveEngine;
import org.cloakroom.engine.GuardedEngine;
import org.cloakroom.engine.SessionEngine;

/**
 * The engine, codec and settings of this deployment, resolved once: a request's session is built
 * from them without any per-request bean look-up.
 */
@ApplicationScoped
public class SessionServices {

    private SessionEngine engine;
    private SessionCodec codec;
    private SessionSettings settings;

    /** For CDI's proxies only. */
    protected SessionServices() {
    }

    @Inject
    public SessionServices(@ActiveEngine SessionEngine engine, SessionCodec codec, SessionSettings settings) {
        // Storage failures become 503s, and an outage is logged once, not per request.
        this.engine = new GuardedEngine(engine);
        this.codec = codec;
        this.settings = settings;
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
}
