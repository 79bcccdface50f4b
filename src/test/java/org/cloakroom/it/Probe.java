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
