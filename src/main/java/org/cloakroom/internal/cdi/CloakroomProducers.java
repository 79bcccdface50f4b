package org.cloakroom.internal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.cloakroom.codec.SessionCodec;
import org.cloakroom.config.CacheSettings;
import org.cloakroom.config.CleanupSettings;
import org.cloakroom.config.CookieSettings;
import org.cloakroom.config.EngineNames;
import org.cloakroom.config.ExpirySettings;
import org.cloakroom.config.FileSettings;
import org.cloakroom.config.SessionClock;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.config.Setting;
import org.cloakroom.config.SettingsLoader;
import org.cloakroom.config.SigningKeys;
import org.cloakroom.internal.engine.ActiveEngine;
import org.cloakroom.internal.engine.EngineName;
import org.cloakroom.internal.metrics.SessionMetrics;
import org.cloakroom.spi.SessionEngine;

/**
 * Produces the settings, their groups (each engine and layer injects only the groups it uses), the
 * session clock, the codec and the engine that {@code SESSION_ENGINE} names.
 */
@ApplicationScoped
public class CloakroomProducers {

    @Produces
    @Singleton
    SessionSettings settings() {
        return SettingsLoader.fromEnvironment();
    }

    @Produces
    @Dependent
    CookieSettings cookie(SessionSettings settings) {
        return settings.cookie();
    }

    @Produces
    @Dependent
    ExpirySettings expiry(SessionSettings settings) {
        return settings.expiry();
    }

    @Produces
    @Dependent
    SigningKeys keys(SessionSettings settings) {
        return settings.keys();
    }

    @Produces
    @Dependent
    FileSettings file(SessionSettings settings) {
        return settings.file();
    }

    @Produces
    @Dependent
    CacheSettings cache(SessionSettings settings) {
        return settings.cache();
    }

    @Produces
    @Dependent
    CleanupSettings cleanup(SessionSettings settings) {
        return settings.cleanup();
    }

    @Produces
    @SessionClock
    @Dependent
    Clock clock(SessionSettings settings) {
        return settings.clock();
    }

    @Produces
    @Singleton
    SessionCodec codec(SessionSettings settings) {
        return new SessionCodec(settings.serializerAllowedTypes());
    }

    /** The counters the exporters read (see {@code org.cloakroom.ops}). */
    @Produces
    @Singleton
    SessionMetrics metrics(SessionSettings settings) {
        return new SessionMetrics(settings.engine());
    }

    @Produces
    @ActiveEngine
    @Dependent
    SessionEngine engine(SessionSettings settings, @Any Instance<SessionEngine> engines) {
        return select(settings.engine(), engines);
    }

    /** The engine bean for a {@code SESSION_ENGINE} value: a built-in name or a bean class name. */
    static SessionEngine select(String name, Instance<SessionEngine> engines) {
        if (EngineNames.ALL.contains(name)) {
            Instance<SessionEngine> builtIn = engines.select(new EngineName.Literal(name));
            if (builtIn.isUnsatisfied()) {
                throw Setting.SESSION_ENGINE.invalid(name, "that engine is not available in this deployment");
            }
            return builtIn.get();
        }
        Class<? extends SessionEngine> type = engineClass(name);
        Instance<? extends SessionEngine> custom = engines.select(type);
        if (custom.isUnsatisfied()) {
            throw Setting.SESSION_ENGINE.invalid(name, "the class is not a CDI bean; annotate it @ApplicationScoped");
        }
        return custom.get();
    }

    private static Class<? extends SessionEngine> engineClass(String name) {
        Class<?> type;
        try {
            type = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw Setting.SESSION_ENGINE.invalid(name,
                    "no such class (expected " + String.join(", ", EngineNames.ALL) + " or a class name)", e);
        }
        if (!SessionEngine.class.isAssignableFrom(type)) {
            throw Setting.SESSION_ENGINE.invalid(name, "the class does not implement " + SessionEngine.class.getName());
        }
        return type.asSubclass(SessionEngine.class);
    }
}
