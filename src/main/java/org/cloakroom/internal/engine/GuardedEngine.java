package org.cloakroom.internal.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.cloakroom.SessionSummary;
import org.cloakroom.SessionUnavailableException;
import org.cloakroom.spi.CreateException;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.spi.UpdateException;

/**
 * The active engine as requests use it: a failure of the storage behind it (a database, cache or
 * file system error) becomes a {@link SessionUnavailableException}, which the HTTP layer answers
 * with 503, and an outage is logged once when it starts and once when it ends, not per request.
 * Any other exception (a bug, a value too large for a cookie, a statement the database refused as
 * wrong) passes through unchanged.
 */
public final class GuardedEngine extends ForwardingEngine {

    private static final Logger LOG = Logger.getLogger(GuardedEngine.class.getName());

    /** When the current outage started, in epoch milliseconds; 0 while the storage answers. */
    private final AtomicLong downSince = new AtomicLong();

    public GuardedEngine(SessionEngine engine) {
        super(engine);
    }

    /**
     * Whether {@code e}, or one of its causes, says the storage could not be reached or used. A
     * statement the database refused as wrong (SQLState class 0A, 21, 22, 23 or 42: unsupported,
     * cardinality, data, integrity, syntax or access rule) is a bug or a schema that does not
     * match the entity, whatever wraps it: retrying will not help, so it is not an outage and
     * passes through as a 500 with its stack trace.
     */
    static boolean isOutage(Throwable e) {
        boolean storage = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SessionUnavailableException) {
                return true;
            }
            if (t instanceof SQLException sql && refusedAsWrong(sql)) {
                return false;
            }
            String name = t.getClass().getName();
            storage |= t instanceof SQLException || t instanceof IOException || t instanceof UncheckedIOException
                    || name.startsWith("jakarta.persistence.") || name.equals("javax.cache.CacheException")
                    || name.startsWith("org.redisson.client.");
        }
        return storage;
    }

    private static boolean refusedAsWrong(SQLException e) {
        if (e instanceof SQLSyntaxErrorException || e instanceof SQLDataException
                || e instanceof SQLIntegrityConstraintViolationException || e instanceof SQLFeatureNotSupportedException) {
            return true;
        }
        String state = e.getSQLState();
        return state != null && state.length() == 5 && switch (state.substring(0, 2)) {
            case "0A", "21", "22", "23", "42" -> true;
            default -> false;
        };
    }

    /** Turns a storage failure into {@link SessionUnavailableException}, logging the start of an outage once. */
    private RuntimeException failed(RuntimeException e) {
        if (!isOutage(e)) {
            return e;
        }
        long now = System.currentTimeMillis();
        if (downSince.compareAndSet(0, now)) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            LOG.severe("The session store is unavailable (" + root.getClass().getName() + ": " + root.getMessage()
                    + "); requests that need their session get 503 until it answers again");
        }
        return e instanceof SessionUnavailableException u ? u : new SessionUnavailableException(e);
    }

    /** The storage answered: logs the end of an outage, once. */
    private void answered() {
        long since = downSince.get();
        if (since != 0 && downSince.compareAndSet(since, 0)) {
            LOG.info("The session store answers again, after " + (System.currentTimeMillis() - since) / 1000 + " s");
        }
    }

    private <T> T guarded(Supplier<T> call) {
        try {
            T result = call.get();
            answered();
            return result;
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public Optional<String> load(String key) {
        return guarded(() -> engine.load(key));
    }

    @Override
    public Optional<Loaded> loadVersioned(String key) {
        return guarded(() -> engine.loadVersioned(key));
    }

    @Override
    public boolean exists(String key) {
        return guarded(() -> engine.exists(key));
    }

    @Override
    public String save(String key, String data, Instant expireDate, boolean mustCreate)
            throws CreateException, UpdateException {
        try {
            String savedUnder = engine.save(key, data, expireDate, mustCreate);
            answered();
            return savedUnder;
        } catch (CreateException | UpdateException answer) {
            answered();
            throw answer;
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public String create(String key, String data, Instant expireDate, String principal) throws CreateException {
        try {
            String savedUnder = engine.create(key, data, expireDate, principal);
            answered();
            return savedUnder;
        } catch (CreateException taken) {
            answered();
            throw taken;
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public List<SessionSummary> sessionsOf(String principal) {
        return guarded(() -> engine.sessionsOf(principal));
    }

    @Override
    public List<String> deleteSessionsOf(String principal, String keepKey) {
        return guarded(() -> engine.deleteSessionsOf(principal, keepKey));
    }

    @Override
    public Optional<String> replace(String key, Loaded expected, String data, Instant expireDate) throws UpdateException {
        try {
            Optional<String> savedUnder = engine.replace(key, expected, data, expireDate);
            answered();
            return savedUnder;
        } catch (UpdateException gone) {
            answered();
            throw gone;
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public void delete(String key) {
        guarded(() -> {
            engine.delete(key);
            return null;
        });
    }

    @Override
    public OptionalLong countLive() {
        return guarded(engine::countLive);
    }

    /** A failing probe starts an outage, and one that answers ends it, as a request would. */
    @Override
    public void probe() {
        guarded(() -> {
            engine.probe();
            return null;
        });
    }
}
