package org.cloakroom.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloakroom.contract.DatabaseEngineFixture;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.SessionKeys;
import org.cloakroom.testing.SqlCounter;
import org.cloakroom.testing.TestDatabase;
import org.hibernate.engine.spi.SessionImplementor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which writes of the {@code db} engine take a transaction: a save is one compare-and-set UPDATE
 * and runs in autocommit where the provider allows it; a provider that refuses gets one
 * transaction per save, and the statement still runs once. When the caller is in a transaction of
 * its own, every statement runs with that transaction suspended.
 */
class DatabaseEngineTransactionsTest extends DatabaseEngineFixture {

    /** The test unit as a provider that refuses updates outside a transaction (JPA's default). */
    private static EntityManagerFactory strict;

    private final AtomicInteger entityManagers = new AtomicInteger();
    private final List<EntityManager> opened = new CopyOnWriteArrayList<>();
    private volatile boolean failQueries;
    private final AtomicInteger transactions = new AtomicInteger();

    @BeforeAll
    static void openAStrictUnit() {
        TestDatabase.factory();
        strict = Persistence.createEntityManagerFactory("cloakroom-test", Map.of(
                "jakarta.persistence.jdbc.url", TestDatabase.URL,
                "jakarta.persistence.jdbc.user", TestDatabase.USER,
                "jakarta.persistence.jdbc.password", TestDatabase.PASSWORD,
                "jakarta.persistence.schema-generation.database.action", "none",
                "hibernate.session_factory.statement_inspector", new SqlCounter(),
                "hibernate.allow_update_outside_transaction", "false"));
    }

    @AfterAll
    static void closeIt() {
        strict.close();
    }

    /** {@code factory}, counting the EntityManagers it opens and the transactions they begin. */
    private EntityManagerFactory counting(EntityManagerFactory factory) {
        InvocationHandler emf = (proxy, method, args) -> {
            Object result = invoke(factory, method, args);
            if (method.getName().equals("createEntityManager")) {
                entityManagers.incrementAndGet();
                EntityManager em = (EntityManager) result;
                opened.add(em);
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EntityManager.class},
                        (p, m, a) -> {
                            if (m.getName().equals("getTransaction")) {
                                transactions.incrementAndGet();
                            }
                            Object value = invoke(em, m, a);
                            return value instanceof TypedQuery<?> query ? failingWhenTold(query) : value;
                        });
            }
            return result;
        };
        return (EntityManagerFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EntityManagerFactory.class}, emf);
    }

    /** {@code query}, whose results fail while {@link #failQueries} is set, as when the database goes away. */
    private TypedQuery<?> failingWhenTold(TypedQuery<?> query) {
        return (TypedQuery<?>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TypedQuery.class},
                (p, m, a) -> {
                    if (failQueries && m.getName().startsWith("getResult")) {
                        throw new PersistenceException("the database went away");
                    }
                    Object value = invoke(query, m, a);
                    return value == query ? p : value;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private DatabaseEngine engineOn(EntityManagerFactory factory) {
        return new DatabaseEngine(counting(factory), settings.cleanup(), settings.clock());
    }

    private Instant later() {
        return Instant.now(settings.clock()).plusSeconds(3600);
    }

    private void reset() {
        entityManagers.set(0);
        transactions.set(0);
        SqlCounter.reset();
    }

    @Test
    void aSaveAndADeleteAreOneStatementEachWithoutATransaction() throws Exception {
        DatabaseEngine engine = engineOn(TestDatabase.factory());
        String key = engine.create(SessionKeys.generate(), "{\"a\":1}", later(), null);
        Loaded loaded = engine.loadVersioned(key).orElseThrow();
        reset();
        engine.replace(key, loaded, "{\"a\":2}", later());
        engine.save(key, "{\"a\":3}", later(), false);
        assertEquals(0, transactions.get());
        assertEquals(2, SqlCounter.count("update"), String.join("\n", SqlCounter.statements()));
        assertEquals("{\"a\":3}", engine.load(key).orElseThrow());
        reset();
        engine.delete(key);
        assertEquals(0, transactions.get());
        assertEquals(1, SqlCounter.total());
        assertEquals(false, engine.exists(key));
    }

    @Test
    void creatingARowStillTakesATransaction() throws Exception {
        DatabaseEngine engine = engineOn(TestDatabase.factory());
        reset();
        engine.create(SessionKeys.generate(), "{}", later(), null);
        assertEquals(1, transactions.get());
    }

    @Test
    void aProviderThatRefusesUpdatesOutsideATransactionGetsOneTransactionPerSaveAndEachStatementRunsOnce()
            throws Exception {
        DatabaseEngine engine = engineOn(strict);
        String key = engine.create(SessionKeys.generate(), "{\"a\":1}", later(), null);
        reset();
        engine.replace(key, engine.loadVersioned(key).orElseThrow(), "{\"a\":2}", later());
        assertEquals(1, SqlCounter.count("update"), String.join("\n", SqlCounter.statements()));
        assertEquals(1, transactions.get());
        assertEquals("{\"a\":2}", engine.load(key).orElseThrow());
        reset();
        engine.save(key, "{\"a\":3}", later(), false);
        assertEquals(1, entityManagers.get(), "refused once, the engine no longer tries without a transaction");
        assertEquals(1, transactions.get());
        assertEquals("{\"a\":3}", engine.load(key).orElseThrow());
    }

    @Test
    void readsReuseOneEntityManagerThatHoldsNoConnectionAndKeepsNothingBetweenThem() throws Exception {
        DatabaseEngine engine = engineOn(TestDatabase.factory());
        String key = engine.create(SessionKeys.generate(), "{\"a\":1}", later(), null);
        reset();
        opened.clear();
        for (int i = 2; i < 6; i++) {
            Loaded loaded = engine.loadVersioned(key).orElseThrow();
            engine.replace(key, loaded, "{\"a\":" + i + "}", later());
        }
        assertEquals("{\"a\":5}", engine.load(key).orElseThrow());
        assertEquals(9, SqlCounter.total());
        assertEquals(5, entityManagers.get(), "one for the five reads, one for each save");
        EntityManager kept = opened.get(0);
        SessionImplementor session = kept.unwrap(SessionImplementor.class);
        assertTrue(kept.isOpen());
        assertFalse(session.getJdbcCoordinator().getLogicalConnection().isPhysicallyConnected(),
                "a kept EntityManager holds no connection");
        assertEquals(0, session.getPersistenceContextInternal().getNumberOfManagedEntities(), "manages no entity");
        assertFalse(session.getActionQueue().hasAfterTransactionActions(), "and has nothing queued to grow with");
        assertTrue(opened.subList(1, opened.size()).stream().noneMatch(EntityManager::isOpen), "each save's was closed");
        engine.close();
        assertFalse(kept.isOpen(), "the engine closes what it kept when it goes away");
    }

    @Test
    void anEntityManagerWhoseReadFailedIsClosedNotReused() throws Exception {
        DatabaseEngine engine = engineOn(TestDatabase.factory());
        String key = engine.create(SessionKeys.generate(), "{\"a\":1}", later(), null);
        engine.load(key);
        EntityManager ofTheLoad = opened.get(opened.size() - 1);
        reset();
        failQueries = true;
        assertThrows(PersistenceException.class, () -> engine.load(key));
        failQueries = false;
        assertFalse(ofTheLoad.isOpen(), "the failed read's EntityManager was closed");
        assertEquals("{\"a\":1}", engine.load(key).orElseThrow());
        assertEquals(1, entityManagers.get(), "the next read opens a new one");
    }

    /** A caller in a transaction, counting the work run with it suspended and the EntityManagers opened there. */
    private final class CallerInTransaction implements OutsideTransactions {
        int suspensions;
        int entityManagersWhileSuspended;

        @Override
        public boolean callerInTransaction() {
            return true;
        }

        @Override
        public <T> T run(java.util.function.Supplier<T> work) {
            suspensions++;
            int before = entityManagers.get();
            try {
                return work.get();
            } finally {
                entityManagersWhileSuspended += entityManagers.get() - before;
            }
        }
    }

    @Test
    void everyStatementOfACallerInATransactionRunsWithThatTransactionSuspended() throws Exception {
        CallerInTransaction caller = new CallerInTransaction();
        DatabaseEngine engine = new DatabaseEngine(counting(TestDatabase.factory()), settings.cleanup(), settings.clock(), caller);
        reset();
        String key = engine.create(SessionKeys.generate(), "{\"a\":1}", later(), "alice");
        Loaded loaded = engine.loadVersioned(key).orElseThrow();
        engine.replace(key, loaded, "{\"a\":2}", later());
        engine.save(key, "{\"a\":3}", later(), false);
        engine.exists(key);
        engine.sessionsOf("alice");
        engine.delete(key);
        assertEquals(7, caller.suspensions);
        assertEquals(entityManagers.get(), caller.entityManagersWhileSuspended, "no EntityManager opened inside the caller's transaction");
        assertEquals(false, new DatabaseEngine(TestDatabase.factory(), settings.cleanup(), settings.clock()).exists(key));
    }
}
