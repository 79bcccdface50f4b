package org.cloakroom.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.cloakroom.SessionTooLargeException;
import org.cloakroom.SessionUnavailableException;
import org.cloakroom.codec.SessionCodec;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.internal.http.SessionMiddleware;
import org.cloakroom.spi.CreateException;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.SessionKeys;
import org.cloakroom.spi.UpdateException;
import org.cloakroom.testing.InMemoryEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Storage failures become 503s and an outage is logged once when it starts and once when it ends. */
class GuardedEngineTest {

    private final List<LogRecord> logged = new ArrayList<>();
    private final Logger log = Logger.getLogger(GuardedEngine.class.getName());
    private final Handler handler = new Handler() {
        @Override public void publish(LogRecord record) { logged.add(record); }
        @Override public void flush() { }
        @Override public void close() { }
    };
    private final Storage storage = new Storage();
    private final GuardedEngine engine = new GuardedEngine(storage);

    /** An in-memory engine whose storage fails with {@link #failure} while it is set. */
    private static final class Storage extends InMemoryEngine {
        RuntimeException failure;

        Storage() {
            super(SessionSettings.defaults());
        }

        @Override
        public Optional<Loaded> loadVersioned(String key) {
            if (failure != null) {
                throw failure;
            }
            return super.loadVersioned(key);
        }

        @Override
        public Optional<String> replace(String key, Loaded expected, String data, Instant expireDate) throws UpdateException {
            if (failure != null) {
                throw failure;
            }
            return super.replace(key, expected, data, expireDate);
        }
    }

    @BeforeEach
    void listen() {
        log.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(handler);
    }

    private long count(Level level) {
        return logged.stream().filter(r -> r.getLevel() == level).count();
    }

    @Test
    void aDatabaseThatRefusesConnectionsIsAnOutageLoggedOnceHoweverManyRequestsHitIt() {
        storage.failure = new PersistenceException("Unable to acquire JDBC Connection",
                new SQLTransientConnectionException("Connection to 127.0.0.1:5432 refused"));
        for (int i = 0; i < 20; i++) {
            SessionUnavailableException e = assertThrows(SessionUnavailableException.class, () -> engine.loadVersioned("k"));
            assertSame(storage.failure, e.getCause());
        }
        assertEquals(1, count(Level.SEVERE));
        assertTrue(logged.get(0).getMessage().contains("Connection to 127.0.0.1:5432 refused"), logged.get(0).getMessage());
        assertEquals(0, count(Level.INFO));

        storage.failure = null;
        assertEquals(Optional.empty(), engine.loadVersioned("k"));
        engine.loadVersioned("k");
        assertEquals(1, count(Level.INFO), "the end of the outage, once");

        storage.failure = new UncheckedIOException(new java.io.IOException("No such device"));
        assertThrows(SessionUnavailableException.class, () -> engine.loadVersioned("k"));
        assertEquals(2, count(Level.SEVERE), "a new outage is a new ERROR");
    }

    @Test
    void aFailureThatIsNotTheStoragesPassesThroughUnchangedAndLogsNothing() {
        storage.failure = new IllegalArgumentException("a bug");
        assertSame(storage.failure, assertThrows(IllegalArgumentException.class, () -> engine.loadVersioned("k")));
        assertTrue(logged.isEmpty());
        assertFalse(GuardedEngine.isOutage(new SessionTooLargeException("too big")));
    }

    @Test
    void theEnginesOwnAnswersPassThrough() throws Exception {
        String key = engine.save(engine.newKey(), "{}", Instant.now().plusSeconds(60), true);
        assertThrows(CreateException.class, () -> engine.save(key, "{}", Instant.now().plusSeconds(60), true));
        Loaded loaded = engine.loadVersioned(key).orElseThrow();
        engine.delete(key);
        assertThrows(UpdateException.class, () -> engine.replace(key, loaded, "{}", Instant.now().plusSeconds(60)));
        assertTrue(logged.isEmpty());
    }

    @Test
    void theEndOfARequestWhoseSaveFindsTheStorageDownAnswers503AndAnErrorResponseStaysAnError() throws Exception {
        SessionSettings settings = SessionSettings.defaults();
        String key = engine.save(engine.newKey(), "{\"a\":1}", Instant.now().plusSeconds(60), true);
        for (int status : new int[] {200, 500}) {
            BaseSession s = new BaseSession(engine, SessionCodec.defaults(), settings.expiry(), settings.clock(), key);
            s.put("b", 2);
            storage.failure = new PersistenceException("Connection refused");
            SessionMiddleware.Outcome outcome = new SessionMiddleware(settings).finish(s, true, status);
            storage.failure = null;
            assertEquals(status == 200 ? SessionMiddleware.UNAVAILABLE : 0, outcome.refusal());
            assertEquals(null, outcome.setCookie());
        }
        assertEquals("{\"a\":1}", engine.load(key).orElseThrow(), "nothing was half-saved");
    }

    @Test
    void aStatementTheDatabaseRefusesAsWrongIsABugNotAnOutageHoweverItIsWrapped() {
        // As PostgreSQL's driver reports a missing table, MariaDB's a syntax error, and a duplicate key.
        for (SQLException refused : List.of(new SQLException("relation \"cloakroom_session\" does not exist", "42P01"),
                new SQLSyntaxErrorException("You have an error in your SQL syntax", "42000"),
                new SQLException("value too long for type character varying(40)", "22001"),
                new SQLIntegrityConstraintViolationException("Duplicate entry", "23000"),
                new SQLException("cannot run inside a subtransaction", "0A000"))) {
            assertFalse(GuardedEngine.isOutage(new PersistenceException("could not execute statement", refused)),
                    refused.getMessage());
            assertFalse(GuardedEngine.isOutage(refused), refused.getMessage());
        }
        for (SQLException down : List.of(new SQLException("Connection refused", "08001"),
                new SQLNonTransientConnectionException("Socket fail to connect", "08000"),
                new SQLException("terminating connection due to administrator command", "57P01"),
                new SQLException("IJ000453: Unable to get managed connection"),
                new SQLException("deadlock detected", "40P01"))) {
            assertTrue(GuardedEngine.isOutage(new PersistenceException("could not execute statement", down)),
                    down.getMessage());
        }
        assertTrue(GuardedEngine.isOutage(new SessionUnavailableException(
                new PersistenceException(new SQLException("already judged by an engine", "42000")))));
    }

    @Test
    void aDatabaseWithoutTheSessionTableAnswersWithItsOwnErrorAndNoOutageIsLogged() {
        // A real database and provider: an H2 database in which the schema was never created.
        EntityManagerFactory factory = Persistence.createEntityManagerFactory("cloakroom-test", Map.of(
                "jakarta.persistence.jdbc.url", "jdbc:h2:mem:cloakroom-without-table;DB_CLOSE_DELAY=-1",
                "jakarta.persistence.jdbc.user", "sa",
                "jakarta.persistence.jdbc.password", "",
                "jakarta.persistence.schema-generation.database.action", "none"));
        try {
            GuardedEngine guarded = new GuardedEngine(
                    new DatabaseEngine(factory, SessionSettings.defaults().cleanup(), Clock.systemUTC()));
            RuntimeException e = assertThrows(RuntimeException.class, () -> guarded.loadVersioned(SessionKeys.generate()));
            assertInstanceOf(PersistenceException.class, e, "the provider's own exception, not a 503's");
            assertTrue(logged.isEmpty(), "no outage was logged");
        } finally {
            factory.close();
        }
    }
}
