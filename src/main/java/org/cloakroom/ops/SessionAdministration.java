package org.cloakroom.ops;

import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.cloakroom.Session;
import org.cloakroom.SessionStore;
import org.cloakroom.internal.cdi.SessionServices;
import org.cloakroom.config.SettingsLoader;
import org.cloakroom.config.SettingsSource;
import org.cloakroom.internal.metrics.SessionMetrics;
import org.cloakroom.spi.SessionKeys;

/** The admin operations, shared by the JMX bean and the JAX-RS resource. */
@ApplicationScoped
class SessionAdministration {

    /**
     * Counting may be a query: a gauge reuses a count this young, or a failure, so that frequent
     * scrapes do not scan the index each time nor wait on a store that is down.
     */
    private static final long LIVE_COUNT_REUSE_NANOS = 15_000_000_000L;

    /**
     * One stored session as an operator sees it.
     *
     * @param id          the storage id (what a copy of the storage shows; not the key)
     * @param size        characters of encoded data
     * @param expiryAge   seconds until it expires if saved now, by the session's rules
     * @param data        the decoded data, reserved keys included
     */
    public record Inspected(String id, int size, long expiryAge, Map<String, Object> data) {
    }

    private SessionServices services;
    private SessionStore store;
    private Optional<String> adminRole;
    /** Runs work in this application's context (see {@link #captureContext()}); until then, as it is. */
    private volatile Function<Supplier<?>, Object> inApplication = Supplier::get;
    private volatile long countedAt;
    private volatile OptionalLong lastCount;

    /** For CDI's proxies only. */
    protected SessionAdministration() {
    }

    @Inject
    public SessionAdministration(SessionServices services, SessionStore store) {
        this(services, store, SettingsSource.fromEnvironment());
    }

    SessionAdministration(SessionServices services, SessionStore store, SettingsSource settings) {
        this.services = services;
        this.store = store;
        this.adminRole = SettingsLoader.adminRole(settings);
    }

    /** The role the admin resource requires ({@code SESSION_ADMIN_ROLE}); empty: the resource is off. */
    public Optional<String> adminRole() {
        return adminRole;
    }

    /**
     * Called on the application's own thread as it starts, so that work called later from the
     * server's threads (the health endpoint, a metrics scrape, JMX) runs in the application's
     * context: Payara finds the persistence unit through it. Outside a server, nothing to capture.
     */
    void captureContext() {
        try {
            ContextService context = InitialContext.doLookup("java:comp/DefaultContextService");
            @SuppressWarnings("unchecked")
            Function<Supplier<?>, Object> proxy = context.createContextualProxy(new Run(), Function.class);
            inApplication = proxy;
        } catch (NamingException | RuntimeException outsideAServer) {
            inApplication = Supplier::get;
        }
    }

    /** Runs what it is given: the contextual proxy wraps it. */
    private static final class Run implements Function<Supplier<?>, Object> {
        @Override
        public Object apply(Supplier<?> work) {
            return work.get();
        }
    }

    /** Runs {@code work} in the application's context; what it throws comes out unwrapped. */
    @SuppressWarnings("unchecked")
    private <T> T inApplication(Supplier<T> work) {
        try {
            return (T) inApplication.apply(work);
        } catch (UndeclaredThrowableException wrapped) {
            Throwable cause = wrapped.getCause() instanceof InvocationTargetException target ? target.getCause() : wrapped.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw wrapped;
        }
    }

    /** Checks that the storage answers (see {@code SessionEngine.probe}): returns or throws. */
    public void probe() {
        inApplication(() -> {
            services.engine().probe();
            return null;
        });
    }

    public SessionMetrics metrics() {
        return services.metrics();
    }

    public String engineName() {
        return services.settings().engine();
    }

    /** Unexpired sessions stored, counted now; empty when the engine cannot count them. */
    public OptionalLong liveSessions() {
        OptionalLong count = inApplication(() -> services.engine().countLive());
        lastCount = count;
        countedAt = System.nanoTime();
        return count;
    }

    /** As {@link #liveSessions()}, reusing the count (or failure) of the last 15 seconds; empty when counting fails: for gauges. */
    public OptionalLong liveSessionsRecent() {
        OptionalLong last = lastCount;
        if (last != null && System.nanoTime() - countedAt < LIVE_COUNT_REUSE_NANOS) {
            return last;
        }
        try {
            return liveSessions();
        } catch (RuntimeException storeDown) {
            lastCount = OptionalLong.empty();
            countedAt = System.nanoTime();
            return OptionalLong.empty();
        }
    }

    /** The session stored under {@code key}; empty if there is none (unknown, expired, malformed). */
    public Optional<Inspected> inspect(String key) {
        if (key == null || !services.engine().isWellFormedKey(key)) {
            return Optional.empty();
        }
        return inApplication(() -> load(key));
    }

    private Optional<Inspected> load(String key) {
        Session session = store.load(key);
        Map<String, Object> data = new LinkedHashMap<>(session);
        if (session.getSessionKey() == null) {
            return Optional.empty();
        }
        return Optional.of(new Inspected(SessionKeys.storageId(key), services.codec().encode(data).length(),
                session.getExpiryAge(), data));
    }

    /** Deletes the session stored under {@code key}: whether there was one. */
    public boolean delete(String key) {
        return inApplication(() -> {
            if (!store.exists(key)) {
                return false;
            }
            store.delete(key);
            return true;
        });
    }

    /** Ends every session of {@code principal}: how many. */
    public int deleteSessionsOf(String principal) {
        return inApplication(() -> store.deleteSessionsOf(principal, null));
    }

    /** Runs the cleanup now: how many expired sessions it removed. */
    public long clearExpired() {
        return inApplication(store::clearExpired);
    }
}
