package org.cloakroom.testing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.HashMap;
import java.util.Map;

/**
 * The one EntityManagerFactory of the server-less tests (the first costs seconds, so it is shared):
 * H2 in memory by default; {@code -Dtest.jdbc.url}, {@code -Dtest.jdbc.user} and
 * {@code -Dtest.jdbc.password} point it at PostgreSQL or MariaDB.
 */
public final class TestDatabase {

    public static final String URL = System.getProperty("test.jdbc.url", "jdbc:h2:mem:cloakroom;DB_CLOSE_DELAY=-1");
    public static final String USER = System.getProperty("test.jdbc.user", "sa");
    public static final String PASSWORD = System.getProperty("test.jdbc.password", "");

    private static EntityManagerFactory factory;

    private TestDatabase() {
    }

    public static synchronized EntityManagerFactory factory() {
        if (factory == null) {
            Map<String, Object> props = new HashMap<>();
            props.put("jakarta.persistence.jdbc.url", URL);
            props.put("jakarta.persistence.jdbc.user", USER);
            props.put("jakarta.persistence.jdbc.password", PASSWORD);
            props.put("hibernate.session_factory.statement_inspector", new SqlCounter());
            factory = Persistence.createEntityManagerFactory("cloakroom-test", props);
        }
        return factory;
    }

    /** A plain JDBC connection to the test database. */
    public static java.sql.Connection connect() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(URL, USER, PASSWORD);
    }

    /** Empties the session table. */
    public static void clear() {
        EntityManager em = factory().createEntityManager();
        try {
            em.getTransaction().begin();
            em.createQuery("delete from CloakroomSession").executeUpdate();
            em.getTransaction().commit();
        } finally {
            em.close();
        }
    }

    /** Runs native SQL in its own transaction (for planting corrupt or expired rows). */
    public static int execute(String sql, Object... params) {
        EntityManager em = factory().createEntityManager();
        try {
            em.getTransaction().begin();
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            int n = query.executeUpdate();
            em.getTransaction().commit();
            return n;
        } finally {
            em.close();
        }
    }
}
