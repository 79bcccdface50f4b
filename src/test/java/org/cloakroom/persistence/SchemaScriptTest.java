package org.cloakroom.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.internal.engine.DatabaseEngine;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.SessionKeys;
import org.cloakroom.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The shipped schema script for the database under test (H2 by default, PostgreSQL or MariaDB with
 * their profiles) creates exactly what the entity expects: Hibernate's schema validation passes and
 * a large session round-trips.
 */
class SchemaScriptTest {

    private static final String URL = TestDatabase.URL;
    private static final String USER = TestDatabase.USER;
    private static final String PASSWORD = TestDatabase.PASSWORD;

    private static String database() {
        if (URL.startsWith("jdbc:postgresql:")) {
            return "postgresql";
        }
        if (URL.startsWith("jdbc:mariadb:") || URL.startsWith("jdbc:mysql:")) {
            return "mariadb";
        }
        return "h2";
    }

    private static void run(String script) throws IOException, SQLException {
        String path = "META-INF/cloakroom/schema/" + database() + "-" + script + ".sql";
        String sql;
        try (InputStream in = SchemaScriptTest.class.getClassLoader().getResourceAsStream(path)) {
            assertNotNull(in, "the jar ships " + path);
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    @Test
    void theCreateScriptMakesTheSchemaTheEntityExpects() throws Exception {
        TestDatabase.factory();
        run("drop");
        run("create");
        withValidatedSchema(engine -> {
            String big = "{\"k\":\"" + "x".repeat(300_000) + "\"}";
            String key = engine.save(engine.newKey(), big, Instant.now().plusSeconds(60), true);
            assertEquals(big, engine.load(key).orElseThrow());
            engine.delete(key);
        });
    }

    /** A table of release 0.1 (no session_version nor principal, rows keyed by the cookie value) with a live session, upgraded in place. */
    @Test
    void theUpgradeScriptBringsAnEarlierTableToTheSchemaTheEntityExpectsAndKeepsItsSessions() throws Exception {
        TestDatabase.factory();
        run("drop");
        run("create");
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE cloakroom_session DROP COLUMN session_version");
            s.execute("mariadb".equals(database()) ? "DROP INDEX cloakroom_session_principal_idx ON cloakroom_session"
                    : "DROP INDEX cloakroom_session_principal_idx");
            s.execute("ALTER TABLE cloakroom_session DROP COLUMN principal");
        }
        String key = SessionKeys.generate();
        TestDatabase.execute("insert into cloakroom_session (session_key, session_data, expire_date) values (?, ?, ?)",
                key, "{\"user\":7}", SessionEntity.toTimestamp(Instant.now().plusSeconds(60)));
        run("upgrade");
        withValidatedSchema(engine -> {
            Loaded loaded = engine.loadVersioned(key).orElseThrow();
            assertEquals(new Loaded("{\"user\":7}", 0L), loaded);
            assertEquals(Optional.of(key), engine.replace(key, loaded, "{\"user\":8}", Instant.now().plusSeconds(60)));
            assertEquals("{\"user\":8}", engine.load(key).orElseThrow());
        });
    }

    private interface EngineCheck {
        void accept(DatabaseEngine engine) throws Exception;
    }

    /** Runs {@code check} on an engine whose persistence unit has Hibernate validate the schema first. */
    private static void withValidatedSchema(EngineCheck check) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("jakarta.persistence.jdbc.url", URL);
        props.put("jakarta.persistence.jdbc.user", USER);
        props.put("jakarta.persistence.jdbc.password", PASSWORD);
        props.put("jakarta.persistence.schema-generation.database.action", "none");
        props.put("hibernate.hbm2ddl.auto", "validate");
        EntityManagerFactory validated = Persistence.createEntityManagerFactory("cloakroom-test", props);
        try {
            check.accept(new DatabaseEngine(validated, SessionSettings.defaults().cleanup(), SessionSettings.defaults().clock()));
        } finally {
            validated.close();
        }
    }

    @Test
    void everyDatabaseHasACreateADropAndAnUpgradeScript() {
        for (String db : new String[] {"postgresql", "mariadb", "h2", "oracle", "sqlserver"}) {
            for (String kind : new String[] {"create", "drop", "upgrade"}) {
                assertNotNull(getClass().getClassLoader().getResource("META-INF/cloakroom/schema/" + db + "-" + kind + ".sql"),
                        db + "-" + kind);
            }
        }
    }
}
