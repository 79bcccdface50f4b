package org.cloakroom.engine;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.event.SessionsExpired;
import org.cloakroom.persistence.SessionEntity;

/**
 * One run of the {@code db} engine's cleanup (Django's {@code clearsessions}): expired rows,
 * oldest first, {@code SESSION_CLEAR_EXPIRED_BATCH_SIZE} per short transaction, resting between
 * batches so that the requests served meanwhile keep most of the database and the server. Several
 * nodes may run it at once.
 */
final class ExpiredRows {

    // Logged under the engine's name: that is where an operator looks for the engine's work.
    private static final Logger LOG = Logger.getLogger(DatabaseEngine.class.getName());
    private static final String ENTITY = SessionEntity.NAME;
    /** A batch that conflicts with another node's cleanup is retried this many times. */
    private static final int BATCH_ATTEMPTS = 3;

    private final JpaWork db;
    private final SessionSettings settings;
    /** Told of each batch's sessions; null when nobody asks (then a batch may be an index range). */
    private final Consumer<List<SessionsExpired.Expired>> reporter;

    ExpiredRows(JpaWork db, SessionSettings settings, Consumer<List<SessionsExpired.Expired>> reporter) {
        this.db = db;
        this.settings = settings;
        this.reporter = reporter;
    }

    long clear() {
        if (reporter != null) {
            return clearReporting();
        }
        int batchSize = settings.clearExpiredBatchSize();
        long removed = 0;
        while (true) {
            long started = System.nanoTime();
            LocalDateTime cutoff = SessionEntity.toColumn(Instant.now(settings.clock()));
            // The expiry of the batch's last row and of the row after it. When they differ, the batch
            // is every row that expires before the second: deleting that index range costs half of
            // deleting a list of keys, and the range ends on an expired row, so that no lock (a
            // next-key lock under REPEATABLE READ) falls on a live session that a request updates.
            List<LocalDateTime> edge = db.read(em -> em.createQuery("select s.expireDate from " + ENTITY
                            + " s where s.expireDate < :now order by s.expireDate", LocalDateTime.class)
                    .setParameter("now", cutoff)
                    .setFirstResult(batchSize - 1)
                    .setMaxResults(2)
                    .getResultList());
            if (edge.size() == 2 && edge.get(1).isAfter(edge.get(0))) {
                removed += deleteBatch(em -> em.createQuery("delete from " + ENTITY + " s where s.expireDate < :next")
                        .setParameter("next", edge.get(1)));
            } else {
                // The last rows, or an expiry shared past the batch's end: by key, in (expiry, key) order.
                List<String> keys = db.read(em -> em.createQuery("select s.sessionKey from " + ENTITY
                                + " s where s.expireDate < :now order by s.expireDate, s.sessionKey", String.class)
                        .setParameter("now", cutoff)
                        .setMaxResults(batchSize)
                        .getResultList());
                if (keys.isEmpty()) {
                    return removed;
                }
                // The expiry condition again: a row refreshed since the SELECT must survive.
                removed += deleteBatch(em -> em.createQuery("delete from " + ENTITY
                                + " s where s.sessionKey in :keys and s.expireDate < :now")
                        .setParameter("keys", keys.stream().sorted().toList())
                        .setParameter("now", cutoff));
                if (keys.size() < batchSize) {
                    return removed;
                }
            }
            // Rest as long as the batch took: a backlog goes at half speed, and the requests served
            // meanwhile keep most of a small server (samples/bench/run, BENCH_SCENARIO=cleanup).
            LockSupport.parkNanos(System.nanoTime() - started);
        }
    }

    /**
     * The cleanup when its removals are observed: each batch reads its rows' keys and callers with a
     * write lock (a request refreshing one of them waits), deletes exactly those, and is reported
     * once committed. Oldest first, resting as {@link #clear()} does.
     */
    private long clearReporting() {
        int batchSize = settings.clearExpiredBatchSize();
        long removed = 0;
        while (true) {
            long started = System.nanoTime();
            LocalDateTime cutoff = SessionEntity.toColumn(Instant.now(settings.clock()));
            List<SessionsExpired.Expired> batch = inBatch(em -> {
                List<Object[]> rows = em.createQuery("select s.sessionKey, s.principal from " + ENTITY
                                + " s where s.expireDate < :now order by s.expireDate, s.sessionKey", Object[].class)
                        .setParameter("now", cutoff)
                        .setMaxResults(batchSize)
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                        .getResultList();
                if (!rows.isEmpty()) {
                    // The expiry again, though the rows are locked: a provider that did not lock must not
                    // cost a session refreshed since.
                    em.createQuery("delete from " + ENTITY + " s where s.sessionKey in :keys and s.expireDate < :now")
                            .setParameter("keys", rows.stream().map(r -> (String) r[0]).toList())
                            .setParameter("now", cutoff)
                            .executeUpdate();
                }
                return rows.stream().map(r -> new SessionsExpired.Expired((String) r[0], (String) r[1])).toList();
            }, List::size);
            if (!batch.isEmpty()) {
                removed += batch.size();
                reporter.accept(batch);
            }
            if (batch.size() < batchSize) {
                return removed;
            }
            LockSupport.parkNanos(System.nanoTime() - started);
        }
    }

    private int deleteBatch(Function<EntityManager, Query> delete) {
        return inBatch(em -> delete.apply(em).executeUpdate(), deleted -> deleted);
    }

    /**
     * One batch in its own transaction, retried when the database picks it as a deadlock victim;
     * {@code deleted} tells how many rows its result stands for.
     */
    private <T> T inBatch(Function<EntityManager, T> work, ToIntFunction<T> deleted) {
        for (int attempt = 1; ; attempt++) {
            try {
                long start = System.nanoTime();
                T result = db.write(work);
                long millis = (System.nanoTime() - start) / 1_000_000;
                LOG.log(Level.FINE, "Deleted {0} expired sessions in one transaction of {1} ms",
                        new Object[] {deleted.applyAsInt(result), millis});
                return result;
            } catch (PersistenceException conflict) {
                // Another node deleting the same rows can make the database pick a victim; its work is ours.
                if (attempt == BATCH_ATTEMPTS) {
                    throw conflict;
                }
                LOG.log(Level.FINE, "Retrying a cleanup batch after a conflict", conflict);
            }
        }
    }
}
