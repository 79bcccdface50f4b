package org.cloakroom.internal.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.Map;
import org.cloakroom.Session;
import org.cloakroom.SessionStore;
import org.cloakroom.internal.engine.BaseSession;
import org.cloakroom.internal.engine.DatabaseEngine;
import org.cloakroom.internal.engine.RequestHandshake;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.testing.InMemoryEngine;
import org.cloakroom.testing.TestDatabase;
import org.cloakroom.testing.TestDatabaseProducer;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CDI wiring in a real Weld container: producers, the store, engine selection, and the
 * extension failing the deployment with a message naming the bad setting. Settings come from
 * system properties here, as they do on a server without MicroProfile Config.
 */
class CdiWiringTest {

    private final Map<String, String> properties = new java.util.HashMap<>();

    private WeldContainer boot(Map<String, String> settings, Class<?>... more) {
        properties.putAll(settings);
        settings.forEach(System::setProperty);
        return new Weld("wiring-" + System.nanoTime()).disableDiscovery().addBeanClasses(more)
                .addBeanClasses(CloakroomProducers.class, ConfigurationCheck.class, DefaultSessionStore.class, DatabaseEngine.class,
                        InMemoryEngine.class, TestDatabaseProducer.class, ModificationTrackingInterceptor.class,
                        SessionServices.class, SessionEvents.class, SessionProducer.class, SessionFacade.class,
                        SuspendingTransactions.class)
                .addInterceptor(ModificationTrackingInterceptor.class)
                .addExtension(new CloakroomExtension())
                .initialize();
    }

    @AfterEach
    void clearProperties() {
        properties.keySet().forEach(System::clearProperty);
    }

    @Test
    void theStoreIsInjectableAndItsSessionsTrackChangesAndPersist() {
        TestDatabase.clear();
        try (WeldContainer weld = boot(Map.of())) {
            SessionStore store = weld.select(SessionStore.class).get();
            Session s = store.create();
            assertTrue(store.exists(s.getSessionKey()));
            s.entrySet().removeIf(e -> true);
            s.put("last_login", java.time.LocalDateTime.of(2005, 8, 20, 13, 35, 10));
            assertTrue(s.isModified());
            s.save();
            Session again = store.load(s.getSessionKey());
            assertEquals(java.time.LocalDateTime.of(2005, 8, 20, 13, 35, 10), again.get("last_login"));
            again.keySet().clear();
            assertTrue(again.isModified());
            store.delete(s.getSessionKey());
            assertFalse(store.exists(s.getSessionKey()));
            assertInstanceOf(DatabaseEngine.class, unproxied(weld.select(SessionEngine.class, org.cloakroom.internal.engine.ActiveEngine.Literal.INSTANCE).get()));
        }
    }

    /** Observes every session event, as an application would. */
    @jakarta.enterprise.context.ApplicationScoped
    static class EventLog {
        static final java.util.List<String> SEEN = new java.util.concurrent.CopyOnWriteArrayList<>();

        void created(@jakarta.enterprise.event.Observes org.cloakroom.event.SessionCreated e) {
            SEEN.add("created " + e.id());
        }

        void cycled(@jakarta.enterprise.event.Observes org.cloakroom.event.SessionKeyCycled e) {
            SEEN.add("cycled " + e.formerId() + " " + e.id());
        }

        void deleted(@jakarta.enterprise.event.Observes org.cloakroom.event.SessionDeleted e) {
            SEEN.add("deleted " + e.id());
        }

        void expired(@jakarta.enterprise.event.Observes org.cloakroom.event.SessionsExpired e) {
            e.sessions().forEach(x -> SEEN.add("expired " + x.id() + " " + x.principal()));
        }
    }

    @Test
    void sessionEventsReachObserversWithStorageIdsAfterEachChange() {
        TestDatabase.clear();
        EventLog.SEEN.clear();
        try (WeldContainer weld = boot(Map.of(), EventLog.class)) {
            SessionStore store = weld.select(SessionStore.class).get();
            Session s = store.create();
            String first = org.cloakroom.spi.SessionKeys.storageId(s.getSessionKey());
            s.put(Session.AUTH_USER_NAME_KEY, "alice");
            s.cycleKey();
            String second = org.cloakroom.spi.SessionKeys.storageId(s.getSessionKey());
            s.setExpiry(java.time.Instant.now().minusSeconds(5));
            s.save();
            Session other = store.create();
            String third = org.cloakroom.spi.SessionKeys.storageId(other.getSessionKey());
            other.flush();
            assertEquals(1, store.clearExpired());
            assertEquals(java.util.List.of("created " + first, "cycled " + first + " " + second, "created " + third,
                    "deleted " + third, "expired " + second + " alice"), EventLog.SEEN);
            assertTrue(EventLog.SEEN.stream().noneMatch(e -> e.contains(s.getSessionKey())), "never a key");
        }
    }

    @Test
    void withoutObserversASessionTellsOnlyTheMetrics() {
        try (WeldContainer weld = boot(Map.of())) {
            SessionServices services = weld.select(SessionServices.class).get();
            assertEquals(services.metrics(), services.listener());
            assertFalse(weld.select(SessionEvents.class).get().expiredObserved());
        }
    }

    @Test
    void theRequestsSessionIsCreatedOnFirstUseFromTheHandshakeAndLeftThereForTheFilter() {
        TestDatabase.clear();
        try (WeldContainer weld = boot(Map.of())) {
            RequestContextController requests = weld.select(RequestContextController.class).get();
            RequestHandshake handshake = new RequestHandshake("not-a-key-this-engine-issued");
            RequestHandshake previous = handshake.bind();
            requests.activate();
            try {
                Session session = weld.select(Session.class).get();
                assertNull(handshake.session(), "nothing is created before the first call");
                Map<String, Object> view = session;
                view.put("a", 1);
                BaseSession created = handshake.session();
                assertInstanceOf(RequestSession.class, created);
                assertTrue(created.isModified());
                assertNull(created.getSessionKey(), "a key the engine never issued is not adopted");
                created.save();
                assertEquals(1, weld.select(SessionStore.class).get().load(created.getSessionKey()).get("a"));
            } finally {
                requests.deactivate();
                RequestHandshake.restore(previous);
            }
        }
    }

    @Test
    void aChangeAfterTheResponseCommittedFailsInsteadOfBeingLostWhileReadsStillWork() {
        TestDatabase.clear();
        try (WeldContainer weld = boot(Map.of())) {
            RequestContextController requests = weld.select(RequestContextController.class).get();
            RequestHandshake handshake = new RequestHandshake(null);
            RequestHandshake previous = handshake.bind();
            requests.activate();
            try {
                Session session = weld.select(Session.class).get();
                session.put("early", 1);
                handshake.markCommitted();
                assertEquals(1, session.get("early"));
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> session.put("late", 2));
                assertTrue(e.getMessage().startsWith("Session.put was called after the response committed"), e.getMessage());
                assertThrows(IllegalStateException.class, session::flush);
                assertFalse(session.containsKey("late"));
            } finally {
                requests.deactivate();
                RequestHandshake.restore(previous);
            }
        }
    }

    @Test
    void theRequestsSessionOutsideAnHttpRequestFailsNamingTheAlternative() {
        try (WeldContainer weld = boot(Map.of())) {
            RequestContextController requests = weld.select(RequestContextController.class).get();
            requests.activate();
            try {
                Session session = weld.select(Session.class).get();
                RuntimeException e = assertThrows(RuntimeException.class, () -> session.get("a"));
                assertTrue(messages(e).contains("use SessionStore"), messages(e));
            } finally {
                requests.deactivate();
            }
        }
    }

    /** A wizard kept across requests, as an application might write one. */
    @jakarta.enterprise.context.SessionScoped
    static class Wizard implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        @jakarta.inject.Inject
        Session session;
    }

    @Test
    void theSessionCanBeInjectedIntoABeanOfAPassivatingScopeAndSerialisedWithIt() throws Exception {
        // Weld refuses at boot a passivating bean whose injected bean is neither normal-scoped nor serialisable.
        try (WeldContainer weld = boot(Map.of(), Wizard.class)) {
            Session session = weld.select(Session.class).get();
            var bytes = new java.io.ByteArrayOutputStream();
            try (var out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(session);
            }
            assertTrue(bytes.size() > 0);
        }
    }

    @Test
    void anApplicationsOwnEngineIsChosenByClassName() {
        try (WeldContainer weld = boot(Map.of("session.engine", InMemoryEngine.class.getName()))) {
            SessionStore store = weld.select(SessionStore.class).get();
            Session s = store.newSession();
            s.put("a", 1);
            s.save();
            assertEquals(1, store.load(s.getSessionKey()).get("a"));
            assertTrue(weld.select(SessionEngine.class, org.cloakroom.internal.engine.ActiveEngine.Literal.INSTANCE).get().toString().contains("InMemoryEngine"));
        }
    }

    @Test
    void aBadSettingFailsTheDeploymentNamingTheSetting() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> boot(Map.of("SESSION_COOKIE_AGE", "-5")));
        assertTrue(messages(e).contains("SESSION_COOKIE_AGE"), messages(e));
    }

    /** An application's fingerprint (the tests never call it). */
    @jakarta.enterprise.context.ApplicationScoped
    static class Fingerprints implements org.cloakroom.security.CallerFingerprint {
        @Override
        public String fingerprint(String callerName) {
            return "stamp-of-" + callerName;
        }
    }

    @Test
    void aCallerFingerprintWithoutASecretKeyFailsTheDeploymentNamingSecretKey() throws Exception {
        Class<?> loginCheck = Class.forName("org.cloakroom.security.LoginCheck");
        DeploymentException e = assertThrows(DeploymentException.class, () -> boot(Map.of(), loginCheck, Fingerprints.class));
        assertTrue(messages(e).contains("SECRET_KEY") && messages(e).contains("CallerFingerprint"), messages(e));
        try (WeldContainer weld = boot(Map.of("SECRET_KEY", "a-secret-key-long-enough-for-the-tests-0123456789"),
                loginCheck, Fingerprints.class)) {
            assertTrue(weld.isRunning(), "with a secret key it deploys");
        }
    }

    @Test
    void anEngineClassThatDoesNotExistFailsTheDeployment() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> boot(Map.of("session.engine", "com.example.NoSuchEngine")));
        assertTrue(messages(e).contains("SESSION_ENGINE") && messages(e).contains("no such class"), messages(e));
    }

    @Test
    void aClassThatIsNotAnEngineFailsTheDeployment() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> boot(Map.of("session.engine", "java.lang.String")));
        assertTrue(messages(e).contains("does not implement"), messages(e));
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static Object unproxied(SessionEngine engine) {
        return engine instanceof org.jboss.weld.proxy.WeldClientProxy p ? p.getMetadata().getContextualInstance() : engine;
    }
}
