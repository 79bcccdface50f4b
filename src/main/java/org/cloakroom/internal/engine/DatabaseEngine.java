package org.cloakroom.internal.engine;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.cloakroom.SessionSummary;
import org.cloakroom.SessionTooLargeException;
import org.cloakroom.config.CleanupSettings;
import org.cloakroom.config.EngineNames;
import org.cloakroom.config.SessionClock;
import org.cloakroom.event.SessionsExpired;
import org.cloakroom.persistence.SessionDatabase;
import org.cloakroom.persistence.SessionEntity;
import org.cloakroom.spi.CreateException;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.spi.SessionKeys;
import org.cloakroom.spi.UpdateException;

/**
 * {@code SESSION_ENGINE=db}: sessions in a database table through JPA (Django's {@code db} backend).
 *
 * <p>Rows are keyed by the session key's {@link SessionKeys#storageId storage id}, never the key
 * itself. Each operation is one statement: a load is one SELECT, an update one UPDATE (no SELECT
 * first) and a delete one DELETE, each in autocommit where the provider allows it (otherwise in one
 * short resource-local transaction); a create is one INSERT in a transaction of its own. An
 * update is a compare-and-set on {@code session_version}, which every update increments; only when
 * it matches no row does a second SELECT tell a conflict from a deleted session.
 * Expired rows are cleared in batches, oldest first, each batch its own transaction.
 */
@ApplicationScoped
@EngineName(EngineNames.DB)
public class DatabaseEngine implements SessionEngine {

    /**
     * The saves, as native SQL of the entity's columns: in an A/B run a JPQL bulk update allocated
     * 7-9 % more per write request than these (samples/bench/results/ab-jpql-2026-12-02.md).
     */
    private static final String REPLACE = "update " + SessionEntity.TABLE
            + " set session_data = ?1, expire_date = ?2, session_version = ?3 where session_key = ?4 and session_version = ?5";
    private static final String UPDATE = "update " + SessionEntity.TABLE
            + " set session_data = ?1, expire_date = ?2, session_version = session_version + 1 where session_key = ?3";

    private JpaWork db;
    private CleanupSettings cleanup;
    private Clock clock;
    private RowQueries rows;

    /** For CDI's proxies only. */
    protected DatabaseEngine() {
    }

    /** An engine outside any container: nothing to keep its statements out of (tests, embedding). */
    public DatabaseEngine(EntityManagerFactory factory, CleanupSettings cleanup, Clock clock) {
        this(factory, cleanup, clock, OutsideTransactions.NONE);
    }

    @Inject
    public DatabaseEngine(@SessionDatabase EntityManagerFactory factory, CleanupSettings cleanup, @SessionClock Clock clock,
            OutsideTransactions outside) {
        this.db = new JpaWork(factory, outside);
        this.cleanup = cleanup;
        this.clock = clock;
        this.rows = new RowQueries(db, clock);
    }

    @Override
    public Optional<String> load(String key) {
        return loadRow(key).map(Row::data);
    }

    @Override
    public Optional<Loaded> loadVersioned(String key) {
        return loadRow(key).map(Row::loaded);
    }

    /** A live session's data, expiry date (for {@link CachedDatabaseEngine}'s cache) and version. */
    record Row(String data, Instant expireDate, long version) {
        Loaded loaded() {
            return new Loaded(data, version);
        }
    }

    /**
     * The unexpired session stored under {@code key}, in one SELECT of three columns: a one-row
     * read needs no entity instance in a persistence context, nor a query object of its own.
     */
    Optional<Row> loadRow(String key) {
        return db.readNamed(work -> {
            List<Object[]> rows = work.named(SessionEntity.LOAD, Object[].class)
                    .setParameter("key", SessionKeys.storageId(key))
                    .getResultList();
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Object[] row = rows.get(0);
            Instant expires = SessionEntity.fromColumn(row[1]);
            return expires.isAfter(now())
                    ? Optional.of(new Row((String) row[0], expires, ((Number) row[2]).longValue()))
                    : Optional.empty();
        });
    }

    @Override
    public boolean exists(String key) {
        return rows.exists(SessionKeys.storageId(key));
    }

    @Override
    public String save(String key, String data, Instant expireDate, boolean mustCreate)
            throws CreateException, UpdateException {
        if (mustCreate) {
            return create(key, data, expireDate, null);
        }
        requireFits(data);
        int updated = db.writeOne(em -> em.createNativeQuery(UPDATE)
                .setParameter(1, data)
                .setParameter(2, SessionEntity.toTimestamp(expireDate))
                .setParameter(3, SessionKeys.storageId(key))
                .executeUpdate());
        if (updated == 0) {
            throw new UpdateException();
        }
        return key;
    }

    @Override
    public String create(String key, String data, Instant expireDate, String principal) throws CreateException {
        requireFits(data);
        if (principal != null && principal.length() > SessionEntity.MAX_PRINCIPAL_LENGTH) {
            throw new IllegalArgumentException("A caller name of " + principal.length() + " characters does not fit the"
                    + " principal column (" + SessionEntity.MAX_PRINCIPAL_LENGTH + "): widen it, or log in with a shorter name");
        }
        try {
            db.write(em -> {
                em.persist(new SessionEntity(SessionKeys.storageId(key), data, expireDate, principal));
                return null;
            });
        } catch (PersistenceException e) {
            if (exists(key)) {
                throw new CreateException(key);
            }
            throw e;
        }
        return key;
    }

    @Override
    public List<SessionSummary> sessionsOf(String principal) {
        return rows.sessionsOf(principal);
    }

    @Override
    public List<String> deleteSessionsOf(String principal, String keepKey) {
        return rows.deleteSessionsOf(principal, keepKey);
    }

    @Override
    public Optional<String> replace(String key, Loaded expected, String data, Instant expireDate) throws UpdateException {
        return replaceRow(key, (Long) expected.version(), data, expireDate) ? Optional.of(key) : Optional.empty();
    }

    /** A new row starts at version 0; each update adds 1. */
    @Override
    public Loaded stored(String data, Instant expireDate, Loaded previous) {
        return new Loaded(data, previous == null ? 0L : (Long) previous.version() + 1);
    }

    /** The compare-and-set in one UPDATE; false on a conflict, {@link UpdateException} if the row is gone. */
    boolean replaceRow(String key, long version, String data, Instant expireDate) throws UpdateException {
        requireFits(data);
        int updated = db.writeOne(em -> em.createNativeQuery(REPLACE)
                .setParameter(1, data)
                .setParameter(2, SessionEntity.toTimestamp(expireDate))
                .setParameter(3, version + 1)
                .setParameter(4, SessionKeys.storageId(key))
                .setParameter(5, version)
                .executeUpdate());
        if (updated == 1) {
            return true;
        }
        if (!exists(key)) {
            throw new UpdateException();
        }
        return false;
    }

    /** A clear failure before the database's own, which varies by database and may truncate silently. */
    private static void requireFits(String data) {
        if (data.length() > SessionEntity.MAX_DATA_LENGTH) {
            throw new SessionTooLargeException("The session data is " + data.length() + " characters of JSON and the"
                    + " db engine stores at most " + SessionEntity.MAX_DATA_LENGTH + ". Store less in the session"
                    + " (an id instead of the object it names, say).");
        }
    }

    @Override
    public void delete(String key) {
        db.writeOne(em -> em.createNamedQuery(SessionEntity.DELETE)
                .setParameter("key", SessionKeys.storageId(key))
                .executeUpdate());
    }

    /**
     * Deletes expired rows oldest first, {@code SESSION_CLEAR_EXPIRED_BATCH_SIZE} per transaction,
     * so no transaction holds many locks for long; several nodes may run it at once.
     */
    @Override
    public long clearExpired() {
        return new ExpiredRows(db, cleanup.batchSize(), clock, null).clear();
    }

    /** As {@link #clearExpired()}; each batch then locks the rows it reads, to tell exactly which it removed. */
    @Override
    public long clearExpiredReporting(Consumer<List<SessionsExpired.Expired>> removed) {
        return new ExpiredRows(db, cleanup.batchSize(), clock, removed).clear();
    }

    @Override
    public OptionalLong countLive() {
        return rows.countLive();
    }

    /** Readiness: one primary-key read, abandoned by the database after a few seconds. */
    @Override
    public void probe() {
        rows.probe(SessionKeys.storageId(newKey()));
    }

    /** When the application stops: closes the EntityManagers kept for the next read. */
    @PreDestroy
    void close() {
        db.close();
    }

    private Instant now() {
        return Instant.now(clock);
    }
}
