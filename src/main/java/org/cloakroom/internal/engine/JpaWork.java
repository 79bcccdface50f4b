package org.cloakroom.internal.engine;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.TransactionRequiredException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code db} engine's unit of work: an EntityManager per operation; a single UPDATE or DELETE
 * in autocommit where the provider allows it, any other write in one short resource-local
 * transaction, so that no request or cleanup batch holds a connection or a lock longer than its
 * statements. Never inside the caller's own transaction: that is suspended around the work.
 */
final class JpaWork {

    private static final Logger LOG = Logger.getLogger(DatabaseEngine.class.getName());

    private final EntityManagerFactory factory;
    private final OutsideTransactions outside;
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

    <T> T read(Function<EntityManager, T> work) {
        return apartFromCaller(() -> readHere(work));
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

    /** Runs {@code work} directly, or with the caller's transaction suspended when it is in one. */
    private <T> T apartFromCaller(Supplier<T> work) {
        return outside.callerInTransaction() ? outside.run(work) : work.get();
    }

    private <T> T readHere(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            return work.apply(em);
        } finally {
            em.close();
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
