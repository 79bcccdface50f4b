package org.cloakroom.internal.engine;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cloakroom.event.SessionsExpired;
import org.cloakroom.persistence.SessionEntity;

/**
 * One run of the {@code db} engine's cleanup (Django's {@code clearsessions}): expired rows,
 * oldest first, {@code SESSION_CLEAR_EXPIRED_BATCH_SIZE} per short transaction, each batch starting
 * where the previous one ended, resting between batches so that the requests served meanwhile keep
 * most of the database and the server. Several nodes may run it at once.
 */
final class ExpiredRows {

    // Logged under the engine's name: that is where an operator looks for the engine's work.
    private static final Logger LOG = Logger.getLogger(DatabaseEngine.class.getName());
    private static final String ENTITY = SessionEntity.NAME;
    /** A batch that conflicts with another node's cleanup is retried this many times. */
    private static final int BATCH_ATTEMPTS = 3;

    private final JpaWork db;
    private final int batchSize;
    private final Clock clock;
    /** Told of each batch's sessions; null when nobody asks (then a batch may be an index range). */
    private final Consumer<List<SessionsExpired.Expired>> reporter;

    ExpiredRows(JpaWork db, int batchSize, Clock clock, Consumer<List<SessionsExpired.Expired>> reporter) {
        this.db = db;
        this.batchSize = batchSize;
        this.clock = clock;
        this.reporter = reporter;
    }

    long clear() {
        if (reporter != null) {
            return clearReporting();
        }
        long removed = 0;
        // Every row that expires before this was deleted by an earlier batch of this run. Deleted rows
        // stay in the expiry index until a vacuum, so a scan from the index's start would step over all
        // of them again: batch by batch the run slowed down (23 ms a batch at its start, 130 ms after
        // 900,000 rows on PostgreSQL) and its work crowded out the requests served meanwhile.
        LocalDateTime from = null;
        while (true) {
            long started = System.nanoTime();
            LocalDateTime cutoff = SessionEntity.toColumn(Instant.now(clock));
            LocalDateTime lower = from;
            // The expiry of the batch's last row and of the row after it. When they differ, the batch
            // is every row that expires before the second: deleting that index range costs half of
            // deleting a list of keys, and the range ends on an expired row, so that no lock (a
            // next-key lock under REPEATABLE READ) falls on a live session that a request updates.
            List<LocalDateTime> edge = db.read(em -> expiring(em, "s.expireDate", lower, cutoff,
                    " order by s.expireDate", LocalDateTime.class)
                    .setFirstResult(batchSize - 1)
                    .setMaxResults(2)
                    .getResultList());
            if (edge.size() == 2 && edge.get(1).isAfter(edge.get(0))) {
                removed += deleteBatch(em -> bounded(em.createQuery("delete from " + ENTITY + " s where "
                        + (lower == null ? "" : "s.expireDate >= :from and ") + "s.expireDate < :next"), lower)
                        .setParameter("next", edge.get(1)));
                from = edge.get(1);
            } else {
                // The last rows, or an expiry shared past the batch's end: by key, in (expiry, key) order.
                List<Object[]> rows = db.read(em -> expiring(em, "s.sessionKey, s.expireDate", lower, cutoff,
                        " order by s.expireDate, s.sessionKey", Object[].class)
                        .setMaxResults(batchSize)
                        .getResultList());
                if (rows.isEmpty()) {
                    return removed;
                }
                // The expiry condition again: a row refreshed since the SELECT must survive.
                removed += deleteBatch(em -> em.createQuery("delete from " + ENTITY
                                + " s where s.sessionKey in :keys and s.expireDate < :now")
                        .setParameter("keys", rows.stream().map(r -> (String) r[0]).sorted().toList())
                        .setParameter("now", cutoff));
                if (rows.size() < batchSize) {
                    return removed;
                }
                // Rows sharing the batch's last expiry may remain: the next batch starts at it, not after.
                from = (LocalDateTime) rows.get(rows.size() - 1)[1];
            }
            rest(started);
        }
    }

    /** A query of expired rows ({@code select} what is asked), from {@code from} on when a batch has been. */
    private static <T> TypedQuery<T> expiring(EntityManager em, String select, LocalDateTime from,
            LocalDateTime cutoff, String order, Class<T> type) {
        return bounded(em.createQuery("select " + select + " from " + ENTITY + " s where "
                + (from == null ? "" : "s.expireDate >= :from and ") + "s.expireDate < :now" + order, type), from)
                .setParameter("now", cutoff);
    }

    private static <Q extends Query> Q bounded(Q query, LocalDateTime from) {
        if (from != null) {
            query.setParameter("from", from);
        }
        return query;
    }

    /**
     * The cleanup when its removals are observed: each batch reads its rows' keys and callers with a
     * write lock (a request refreshing one of them waits), deletes exactly those, and is reported
     * once committed. Oldest first, resting as {@link #clear()} does.
     */
    private long clearReporting() {
        long removed = 0;
        LocalDateTime from = null; // as in clear()
        while (true) {
            long started = System.nanoTime();
            LocalDateTime cutoff = SessionEntity.toColumn(Instant.now(clock));
            LocalDateTime lower = from;
            List<Object[]> batch = inBatch(em -> {
                List<Object[]> rows = expiring(em, "s.sessionKey, s.principal, s.expireDate", lower, cutoff,
                                " order by s.expireDate, s.sessionKey", Object[].class)
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
                return rows;
            }, List::size);
            if (!batch.isEmpty()) {
                removed += batch.size();
                reporter.accept(batch.stream().map(r -> new SessionsExpired.Expired((String) r[0], (String) r[1])).toList());
            }
            if (batch.size() < batchSize) {
                return removed;
            }
            from = (LocalDateTime) batch.get(batch.size() - 1)[2];
            rest(started);
        }
    }

    /**
     * Rests twice as long as the batch took: a backlog goes at a third of full speed, and the
     * requests served meanwhile keep two thirds of the time of a small server (the figures:
     * samples/bench/run, BENCH_SCENARIO=cleanup; README, "Clearing expired sessions").
     */
    private static void rest(long batchStarted) {
        LockSupport.parkNanos(2 * (System.nanoTime() - batchStarted));
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
