package org.cloakroom.internal.engine;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.TransactionRequiredException;
import jakarta.persistence.TypedQuery;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code db} engine's unit of work: a single read, UPDATE or DELETE outside any transaction
 * (in autocommit where the provider allows it), any other write in one short resource-local
 * transaction, so that no request or cleanup batch holds a connection or a lock longer than its
 * statements. Never inside the caller's own transaction: that is suspended around the work.
 *
 * <p>The EntityManager of a finished read is kept for the next one, with the named queries it
 * prepared: between two reads it manages no entity and holds no connection (a provider takes one
 * per statement outside a transaction), and creating them again cost a per-request read a tenth of
 * its JPA time. Writes, and reads that failed, always get a new one: an update leaves work queued
 * in the EntityManager until a transaction ends or it closes.
 */
final class JpaWork {

    private static final Logger LOG = Logger.getLogger(DatabaseEngine.class.getName());
    /** Enough for the request threads of a busy server; beyond it a finished EntityManager is closed. */
    private static final int MAX_IDLE = 64;

    private final EntityManagerFactory factory;
    private final OutsideTransactions outside;
    private final Queue<Reusable> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    /**
     * Whether the provider refused a single update outside a transaction: JPA lets it (Hibernate
     * allows it when the unit sets {@code hibernate.allow_update_outside_transaction}, as
     * Cloakroom's own does); remembered after the first refusal.
     */
    private volatile boolean updatesNeedTransaction;

    JpaWork(EntityManagerFactory factory, OutsideTransactions outside) {
        this.factory = factory;
        this.outside = outside;
    }

    /** An EntityManager and the named queries it prepared; used by one thread at a time. */
    static final class Reusable {
        private final EntityManager em;
        private final Map<String, TypedQuery<?>> named = new HashMap<>(4);

        Reusable(EntityManager em) {
            this.em = em;
        }

        /**
         * The named query, prepared by this EntityManager once: each use binds every parameter
         * again, so nothing of the previous use carries over.
         */
        @SuppressWarnings("unchecked")
        <T> TypedQuery<T> named(String name, Class<T> type) {
            return (TypedQuery<T>) named.computeIfAbsent(name, n -> em.createNamedQuery(n, type));
        }
    }

    <T> T read(Function<EntityManager, T> work) {
        return readNamed(reusable -> work.apply(reusable.em));
    }

    /** A read that may use {@link Reusable#named} queries. */
    <T> T readNamed(Function<Reusable, T> work) {
        return apartFromCaller(() -> reusing(work));
    }

    <T> T write(Function<EntityManager, T> work) {
        return apartFromCaller(() -> writeHere(work));
    }

    /**
     * One UPDATE or DELETE, atomic on its own, run in autocommit where the provider allows it: a
     * transaction around a single statement adds a BEGIN and a COMMIT (a round trip) and nothing else.
     */
    int writeOne(Function<EntityManager, Integer> statement) {
        return apartFromCaller(() -> writeOneHere(statement));
    }

    /** Closes the EntityManagers kept for the next read: the engine is going away. */
    void close() {
        for (Reusable reusable; (reusable = idle.poll()) != null; ) {
            idleCount.decrementAndGet();
            try {
                reusable.em.close();
            } catch (RuntimeException e) {
                // The unit may already be closed, and its EntityManagers with it.
                LOG.log(Level.FINE, "Closing a kept EntityManager failed", e);
            }
        }
    }

    /** Runs {@code work} directly, or with the caller's transaction suspended when it is in one. */
    private <T> T apartFromCaller(Supplier<T> work) {
        return outside.callerInTransaction() ? outside.run(work) : work.get();
    }

    private <T> T reusing(Function<Reusable, T> work) {
        Reusable reusable = idle.poll();
        if (reusable == null) {
            reusable = new Reusable(factory.createEntityManager());
        } else {
            idleCount.decrementAndGet();
        }
        T result;
        try {
            result = work.apply(reusable);
        } catch (Throwable failed) {
            reusable.em.close();
            throw failed;
        }
        giveBack(reusable);
        return result;
    }

    private void giveBack(Reusable reusable) {
        if (idleCount.incrementAndGet() <= MAX_IDLE) {
            // Statements outside a transaction leave nothing managed; clearing costs little and makes sure.
            reusable.em.clear();
            idle.offer(reusable);
        } else {
            idleCount.decrementAndGet();
            reusable.em.close();
        }
    }

    private <T> T writeHere(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    private int writeOneHere(Function<EntityManager, Integer> statement) {
        if (!updatesNeedTransaction) {
            // Not a kept EntityManager: Hibernate queues a cleanup action per update that only a
            // transaction's end or close() releases, so a kept one would grow with every save.
            EntityManager em = factory.createEntityManager();
            try {
                return statement.apply(em);
            } catch (TransactionRequiredException refused) {
                // Raised before anything is sent, so the statement runs once, in a transaction.
                updatesNeedTransaction = true;
                LOG.log(Level.FINE, "The persistence provider runs updates only in a transaction; each save takes one", refused);
            } finally {
                em.close();
            }
        }
        return writeHere(statement);
    }
}
