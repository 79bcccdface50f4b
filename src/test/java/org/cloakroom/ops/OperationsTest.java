package org.cloakroom.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.cloakroom.Session;
import org.cloakroom.SessionStore;
import org.cloakroom.internal.cdi.CloakroomExtension;
import org.cloakroom.internal.cdi.SuspendingTransactions;
import org.cloakroom.internal.cdi.CloakroomProducers;
import org.cloakroom.internal.cdi.ConfigurationCheck;
import org.cloakroom.internal.cdi.DefaultSessionStore;
import org.cloakroom.internal.cdi.SessionEvents;
import org.cloakroom.internal.cdi.SessionServices;
import org.cloakroom.internal.engine.DatabaseEngine;
import org.cloakroom.persistence.SessionEntity;
import org.cloakroom.spi.SessionKeys;
import org.cloakroom.testing.InMemoryEngine;
import org.cloakroom.testing.TestDatabase;
import org.cloakroom.testing.TestDatabaseProducer;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operations layer in a real Weld container on H2: the JMX bean and the Micrometer export
 * registered at start and removed at stop, the admin operations, the readiness check going DOWN
 * and UP again with the storage, and a bad admin role failing the deployment.
 */
class OperationsTest {

    /** A Micrometer registry, as WildFly's micrometer subsystem offers one. */
    static class Registry {
        static final MeterRegistry REGISTRY = new SimpleMeterRegistry();

        @Produces
        @Singleton
        MeterRegistry registry() {
            return REGISTRY;
        }
    }

    /** Storage that can be taken down. */
    @jakarta.enterprise.context.ApplicationScoped
    public static class SwitchableEngine extends InMemoryEngine {
        static volatile boolean down;

        protected SwitchableEngine() {
        }

        @jakarta.inject.Inject
        public SwitchableEngine(org.cloakroom.config.SessionSettings settings) {
            super(settings);
        }

        @Override
        public boolean exists(String key) {
            if (down) {
                throw new java.io.UncheckedIOException(new java.io.IOException("connection refused"));
            }
            return super.exists(key);
        }
    }

    private static final ObjectName NAME = name();
    private final Map<String, String> properties = new HashMap<>();

    private static ObjectName name() {
        try {
            return new ObjectName("org.cloakroom:type=Sessions,application=\"cloakroom\"");
        } catch (javax.management.MalformedObjectNameException e) {
            throw new AssertionError(e);
        }
    }

    private WeldContainer boot(Map<String, String> settings) {
        properties.putAll(settings);
        settings.forEach(System::setProperty);
        return new Weld("ops-" + System.nanoTime()).disableDiscovery()
                .addBeanClasses(CloakroomProducers.class, ConfigurationCheck.class, DefaultSessionStore.class,
                        DatabaseEngine.class, SuspendingTransactions.class, SwitchableEngine.class, TestDatabaseProducer.class,
                        SessionServices.class,
                        SessionEvents.class, SessionAdministration.class, OperationsStartup.class,
                        SessionHealthCheck.class, AdminCheck.class, Registry.class)
                .addExtension(new CloakroomExtension())
                .initialize();
    }

    @BeforeEach
    void emptyTable() {
        TestDatabase.clear();
        Registry.REGISTRY.clear();
        SwitchableEngine.down = false;
    }

    @AfterEach
    void clearProperties() {
        properties.keySet().forEach(System::clearProperty);
    }

    @Test
    void theJmxBeanShowsEveryMetricWhileTheApplicationRunsAndGoesWithIt() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try (WeldContainer weld = boot(Map.of())) {
            SessionsMXBean bean = JMX.newMXBeanProxy(server, NAME, SessionsMXBean.class);
            weld.select(SessionStore.class).get().create();
            assertEquals("db", bean.getEngine());
            assertEquals(1.0, bean.getMetrics().get("cloakroom.sessions.creations"));
            assertEquals(1.0, bean.getMetrics().get("cloakroom.sessions.saved"));
            assertEquals(1, bean.getLiveSessions());
        }
        assertFalse(server.isRegistered(NAME));
    }

    @Test
    void aMicrometerRegistryGetsEveryMetricTaggedWithTheEngineAndTheLiveCount() {
        try (WeldContainer weld = boot(Map.of())) {
            SessionStore store = weld.select(SessionStore.class).get();
            store.create();
            System.gc();
            store.create();
            // Micrometer holds what a meter reads weakly: after a collection the counters must still move.
            assertEquals(2.0, Registry.REGISTRY.get("cloakroom.sessions.creations").tag("engine", "db")
                    .tag("application", "cloakroom").functionCounter().count());
            assertEquals(2.0, Registry.REGISTRY.get("cloakroom.sessions.live").gauge().value());
            assertEquals(23, Registry.REGISTRY.getMeters().size());
        }
        assertTrue(Registry.REGISTRY.getMeters().isEmpty(), "the meters go with the application");
    }

    @Test
    void theAdminOperationsInspectDeleteEndAUsersSessionsAndClearExpiredOnes() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try (WeldContainer weld = boot(Map.of())) {
            SessionsMXBean bean = JMX.newMXBeanProxy(server, NAME, SessionsMXBean.class);
            SessionStore store = weld.select(SessionStore.class).get();
            Session s = store.newSession();
            s.put("cart", java.util.List.of("tea", 2));
            s.put(Session.AUTH_USER_NAME_KEY, "alice");
            s.save();
            String json = bean.inspectSession(s.getSessionKey());
            assertTrue(json.contains("\"id\":\"" + SessionKeys.storageId(s.getSessionKey()) + "\""), json);
            assertTrue(json.contains("\"cart\":[\"tea\",2]"), json);
            assertTrue(json.contains("\"_auth_user_name\":\"alice\""), json);
            assertEquals("", bean.inspectSession(SessionKeys.generate()));
            assertEquals("", bean.inspectSession("garbage"));

            Session other = store.create();
            assertTrue(bean.deleteSession(other.getSessionKey()));
            assertFalse(bean.deleteSession(other.getSessionKey()));

            Session expired = store.create();
            TestDatabase.execute("update cloakroom_session set expire_date = ? where session_key = ?",
                    SessionEntity.toColumn(Instant.now().minusSeconds(60)), SessionKeys.storageId(expired.getSessionKey()));
            assertEquals(1, bean.clearExpiredNow());
            assertEquals(1.0, bean.getMetrics().get("cloakroom.cleanup.runs"));
            assertEquals(1.0, bean.getMetrics().get("cloakroom.cleanup.removed"));
            assertTrue(bean.getMetrics().get("cloakroom.cleanup.last.success") > 0);
            assertEquals(1.0, bean.getMetrics().get("cloakroom.sessions.deleted"));
        }
    }

    @Test
    void endingAUsersSessionsCountsEachDeletion() {
        try (WeldContainer weld = boot(Map.of())) {
            SessionStore store = weld.select(SessionStore.class).get();
            for (int i = 0; i < 3; i++) {
                Session s = store.newSession();
                s.put(Session.AUTH_USER_NAME_KEY, "bob");
                s.save();
            }
            SessionAdministration admin = weld.select(SessionAdministration.class).get();
            assertEquals(3, admin.deleteSessionsOf("bob"));
            assertEquals(3.0, admin.metrics().readings().stream()
                    .filter(r -> r.name().equals("cloakroom.sessions.deleted")).findFirst().orElseThrow().value().getAsDouble());
            assertEquals(0, admin.liveSessions().getAsLong());
        }
    }

    @Test
    void theReadinessCheckGoesDownWithTheStorageAndUpAgainWithoutARestart() {
        try (WeldContainer weld = boot(Map.of("session.engine", SwitchableEngine.class.getName()))) {
            SessionHealthCheck check = weld.select(SessionHealthCheck.class,
                    org.eclipse.microprofile.health.Readiness.Literal.INSTANCE).get();
            HealthCheckResponse up = check.call();
            assertEquals(SessionHealthCheck.NAME, up.getName());
            assertEquals(HealthCheckResponse.Status.UP, up.getStatus());
            assertEquals(SwitchableEngine.class.getName(), up.getData().orElseThrow().get("engine"));
            assertEquals("none yet", up.getData().orElseThrow().get("cleanupLastSuccess"));

            SwitchableEngine.down = true;
            HealthCheckResponse down = check.call();
            assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
            assertEquals("IOException", down.getData().orElseThrow().get("error"), "the class only: messages name hosts and users");

            SwitchableEngine.down = false;
            assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());
        }
    }

    @Test
    void anAdminRoleThatIsNoRoleNameFailsTheDeploymentNamingTheSetting() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> boot(Map.of("SESSION_ADMIN_ROLE", "admins, auditors")));
        assertTrue(e.getMessage().contains("SESSION_ADMIN_ROLE"), e.getMessage());
    }

    @Test
    void theAdminRoleIsReadOnceAndUnsetMeansOff() {
        try (WeldContainer weld = boot(Map.of())) {
            assertTrue(weld.select(SessionAdministration.class).get().adminRole().isEmpty());
        }
        try (WeldContainer weld = boot(Map.of("SESSION_ADMIN_ROLE", "session-admin"))) {
            assertEquals("session-admin", weld.select(SessionAdministration.class).get().adminRole().orElseThrow());
        }
    }
}
