package org.cloakroom.contract;

import java.util.function.UnaryOperator;
import org.cloakroom.codec.SessionCodec;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.config.SettingsBuilder;
import org.cloakroom.internal.engine.BaseSession;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every contract test needs: an engine under test, settings with a hand-moved clock, and
 * plain sessions, with no container: the rules must hold on their own. A new engine gets the whole
 * contract by extending {@link SessionContract} and implementing {@link #createEngine}.
 */
public abstract class ContractFixture {

    protected MutableClock clock;
    protected SessionSettings settings;
    protected SessionCodec codec;
    protected CountingEngine engine;

    /** The engine under test, for these settings. Called again whenever a test changes settings. */
    protected abstract SessionEngine createEngine(SessionSettings settings);

    /** Empties the engine's storage before each test. */
    protected abstract void clearStorage();

    @BeforeEach
    void setUpFixture() {
        clock = MutableClock.startingNow();
        configure(b -> b);
        clearStorage();
    }

    /** Rebuilds settings (from Django's defaults plus {@code change}) and the engine. */
    protected void configure(UnaryOperator<SettingsBuilder> change) {
        settings = change.apply(SessionSettings.builder().clock(clock)).build();
        codec = new SessionCodec(settings.serializerAllowedTypes());
        engine = new CountingEngine(createEngine(settings));
    }

    /** A session for a request that brought no cookie. */
    protected BaseSession newSession() {
        return session(null);
    }

    /** A session for a request whose cookie carries {@code key}. */
    protected BaseSession session(String key) {
        return new BaseSession(engine, codec, settings.expiry(), settings.clock(), key);
    }

    /** The next request of the same browser. */
    protected BaseSession nextRequest(BaseSession previous) {
        return session(previous.getSessionKey());
    }

    /** A saved session holding {@code name = value}. */
    protected BaseSession saved(String name, Object value) {
        BaseSession s = newSession();
        s.put(name, value);
        s.save();
        return s;
    }

    /** Whether the engine keeps sessions on the server (false for signed cookies). */
    protected boolean storesServerSide() {
        return true;
    }
}
