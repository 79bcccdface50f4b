package org.cloakroom.internal.engine;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.function.Function;

/**
 * The {@code db} engine's unit of work: an EntityManager per operation, and for a write one short
 * resource-local transaction, so that no request or cleanup batch holds a connection or a lock
 * longer than its statement.
 */
final class JpaWork {

    private final EntityManagerFactory factory;

    JpaWork(EntityManagerFactory factory) {
        this.factory = factory;
    }

    <T> T read(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            return work.apply(em);
        } finally {
            em.close();
        }
    }

    <T> T write(Function<EntityManager, T> work) {
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
}
