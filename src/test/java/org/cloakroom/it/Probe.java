package org.cloakroom.it;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;
import org.cloakroom.SessionStore;

/**
 * Lets the tests look at the server's database without touching the session. The statement count
 * works with Hibernate (WildFly) and EclipseLink (Payara), through reflection so that neither
 * provider's classes are needed where the other one runs.
 */
@Path("probe")
public class Probe {

    /** SQL calls EclipseLink has executed for the session unit since the first count. */
    private static final AtomicLong ECLIPSELINK_CALLS = new AtomicLong();
    private static Object eclipseLinkSession;

    @PersistenceUnit(unitName = "cloakroom")
    EntityManagerFactory sessions;

    @Inject
    SessionStore store;

    /** Saves that lost the compare-and-set and merged, counted from the FINE records the session logs. */
    private static final AtomicLong MERGES = new AtomicLong();
    private static final AtomicLong MOST_MERGES = new AtomicLong();
    private static final java.util.logging.Logger SESSION_LOG = java.util.logging.Logger.getLogger("org.cloakroom.internal.engine.BaseSession");
    private static final java.util.logging.Handler MERGE_COUNTER = new java.util.logging.Handler() {
        @Override
        public void publish(java.util.logging.LogRecord record) {
            if (record.getParameters() != null && record.getParameters().length == 1
                    && record.getParameters()[0] instanceof Integer merges) {
                MERGES.addAndGet(merges);
                MOST_MERGES.accumulateAndGet(merges, Math::max);
            }
        }

        @Override public void flush() { }
        @Override public void close() { }
    };

    /** Starts (or restarts) counting merges: "total,most in one save" since. */
    @GET
    @Path("merges/start")
    public String startCountingMerges() {
        SESSION_LOG.setLevel(java.util.logging.Level.FINE);
        SESSION_LOG.removeHandler(MERGE_COUNTER);
        SESSION_LOG.addHandler(MERGE_COUNTER);
        MERGES.set(0);
        MOST_MERGES.set(0);
        return "counting";
    }

    @GET
    @Path("merges")
    public String merges() {
        return MERGES.get() + "," + MOST_MERGES.get();
    }

    /** How many SQL statements the session unit has run since the first call. */
    @GET
    @Path("statements")
    public String statements() throws ReflectiveOperationException {
        Class<?> hibernate = providerType("org.hibernate.SessionFactory");
        if (hibernate != null) {
            return String.valueOf(hibernateStatements(hibernate));
        }
        Class<?> eclipseLink = providerType("org.eclipse.persistence.sessions.Session");
        if (eclipseLink != null) {
            return String.valueOf(eclipseLinkStatements(eclipseLink));
        }
        throw new IllegalStateException("Cannot count statements of " + sessions.getClass().getName());
    }

    private static Class<?> providerType(String name) {
        try {
            return Class.forName(name, false, Probe.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
    }

    /** Hibernate's statistics: statements prepared, counted once enabled. */
    private long hibernateStatements(Class<?> sessionFactoryType) throws ReflectiveOperationException {
        Object statistics = sessionFactoryType.getMethod("getStatistics").invoke(sessions.unwrap(sessionFactoryType));
        Class<?> statisticsType = Class.forName("org.hibernate.stat.Statistics", false, sessionFactoryType.getClassLoader());
        statisticsType.getMethod("setStatisticsEnabled", boolean.class).invoke(statistics, true);
        return (Long) statisticsType.getMethod("getPrepareStatementCount").invoke(statistics);
    }

    /**
     * EclipseLink has no statement statistics without a profiler in persistence.xml, so a session
     * listener counts every SQL call ({@code preExecuteCall}). The EntityManagers created after it is
     * added inherit it; Cloakroom creates one per operation.
     */
    private long eclipseLinkStatements(Class<?> sessionType) throws ReflectiveOperationException {
        Object session = sessions.unwrap(sessionType);
        synchronized (Probe.class) {
            if (eclipseLinkSession != session) {
                ClassLoader loader = sessionType.getClassLoader();
                Class<?> listenerType = Class.forName("org.eclipse.persistence.sessions.SessionEventListener", false, loader);
                Object listener = Proxy.newProxyInstance(loader, new Class<?>[] {listenerType}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "preExecuteCall" -> ECLIPSELINK_CALLS.incrementAndGet();
                        case "hashCode" -> { return System.identityHashCode(proxy); }
                        case "equals" -> { return proxy == args[0]; }
                        case "toString" -> { return "Probe statement counter"; }
                        default -> { }
                    }
                    return null;
                });
                Object events = sessionType.getMethod("getEventManager").invoke(session);
                Method add = Class.forName("org.eclipse.persistence.sessions.SessionEventManager", false, loader)
                        .getMethod("addListener", listenerType);
                add.invoke(events, listener);
                eclipseLinkSession = session;
            }
        }
        return ECLIPSELINK_CALLS.get();
    }

    /** How many rows the session table holds, expired or not. */
    @GET
    @Path("rows")
    public String rows() {
        var em = sessions.createEntityManager();
        try {
            return String.valueOf(em.createQuery("select count(s) from CloakroomSession s", Long.class).getSingleResult());
        } finally {
            em.close();
        }
    }

    @GET
    @Path("exists/{key}")
    public String exists(@PathParam("key") String key) {
        return String.valueOf(store.exists(key));
    }
}
