package org.cloakroom.internal.engine;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.cloakroom.SessionSummary;
import org.cloakroom.persistence.SessionEntity;
import org.cloakroom.spi.SessionKeys;

/**
 * The {@code db} engine's queries off the request path: whether a row exists (after a failed
 * create or update), a user's sessions, ending them, the live count and the readiness probe.
 * Apart so that the engine holds what a request runs.
 */
final class RowQueries {

    private static final String ENTITY = SessionEntity.NAME;
    /** Keys per DELETE when ending a user's sessions. */
    private static final int MAX_IN_LIST = 500;
    /** How long the database may take over the readiness probe's read, in milliseconds. */
    static final int PROBE_TIMEOUT_MILLIS = 3_000;

    private final JpaWork db;
    private final Clock clock;

    RowQueries(JpaWork db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The caller's live sessions, by the indexed {@code principal} column: one SELECT. */
    List<SessionSummary> sessionsOf(String principal) {
        return db.read(em -> em.createQuery("select s.sessionKey, s.expireDate from " + ENTITY + " s where s.principal = :p"
                        + " and s.expireDate > :now order by s.expireDate", Object[].class)
                .setParameter("p", principal)
                .setParameter("now", SessionEntity.toColumn(now()))
                .getResultList().stream()
                .map(row -> new SessionSummary((String) row[0], SessionEntity.fromColumn(row[1]), false))
                .toList());
    }

    /**
     * Deletes the caller's rows but {@code keepKey}'s, in one transaction: the rows found, then
     * exactly those deleted, so that a session created meanwhile survives.
     */
    List<String> deleteSessionsOf(String principal, String keepKey) {
        String keep = keepKey == null ? "" : SessionKeys.storageId(keepKey);
        return db.write(em -> {
            // Locked in the cleanup's order (expiry, key), so that the two never wait for each other in a cycle.
            List<String> ids = em.createQuery("select s.sessionKey from " + ENTITY + " s where s.principal = :p"
                            + " and s.sessionKey <> :keep order by s.expireDate, s.sessionKey", String.class)
                    .setParameter("p", principal).setParameter("keep", keep)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList();
            // In slices: databases cap an IN list (Oracle at 1,000), and a user may have many sessions.
            for (int from = 0; from < ids.size(); from += MAX_IN_LIST) {
                em.createQuery("delete from " + ENTITY + " s where s.sessionKey in :ids")
                        .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + MAX_IN_LIST)))
                        .executeUpdate();
            }
            return ids;
        });
    }

    /** One {@code count(*)} over the unexpired rows, which the expiry index serves. */
    OptionalLong countLive() {
        return OptionalLong.of(db.read(em -> em.createQuery("select count(s) from " + ENTITY
                + " s where s.expireDate > :now", Long.class).setParameter("now", SessionEntity.toColumn(now()))
                .getSingleResult()));
    }

    /** Whether a row, live or expired, has this storage id: one read by primary key. */
    boolean exists(String storageId) {
        return !db.read(em -> byKey(em, storageId).setMaxResults(1).getResultList()).isEmpty();
    }

    /** A read by primary key of a row that does not exist, with a query timeout. */
    void probe(String storageId) {
        db.read(em -> byKey(em, storageId).setHint("jakarta.persistence.query.timeout", PROBE_TIMEOUT_MILLIS).getResultList());
    }

    private static TypedQuery<String> byKey(EntityManager em, String storageId) {
        return em.createQuery("select s.sessionKey from " + ENTITY + " s where s.sessionKey = :key", String.class)
                .setParameter("key", storageId);
    }

    private Instant now() {
        return Instant.now(clock);
    }
}
