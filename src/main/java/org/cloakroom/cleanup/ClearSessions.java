package org.cloakroom.cleanup;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Django's {@code manage.py clearsessions} for a server that is not running, or for cron: deletes
 * the expired rows of {@code cloakroom_session} through plain JDBC, oldest first, in batches of one
 * short transaction each, as the timer does. Only the database's JDBC driver is needed next to the jar:
 *
 * <pre>CLOAKROOM_DB_PASSWORD=secret java -cp cloakroom.jar:postgresql.jar org.cloakroom.cleanup.ClearSessions \
 *     --jdbc-url jdbc:postgresql://db:5432/app --user app</pre>
 *
 * The password comes from an environment variable (never the command line, which other users of
 * the machine can see). Exit status 0 with the count, 2 with one line saying what is wrong.
 */
public final class ClearSessions {

    private static final String TABLE = "cloakroom_session";
    private static final String USAGE = "usage: java -cp cloakroom.jar:<jdbc-driver.jar> " + ClearSessions.class.getName()
            + " --jdbc-url URL [--user USER] [--password-env VARIABLE (default CLOAKROOM_DB_PASSWORD)] [--batch-size N (default 1000)]";

    private ClearSessions() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns its exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Clock.systemUTC());
    }

    /** As above, deleting what expired by {@code clock}'s time. */
    static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        String url = null;
        String user = null;
        String passwordVariable = "CLOAKROOM_DB_PASSWORD";
        int batchSize = 1000;
        try {
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--jdbc-url" -> url = value;
                    case "--user" -> user = value;
                    case "--password-env" -> passwordVariable = value;
                    case "--batch-size" -> batchSize = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (url == null) {
                throw new IllegalArgumentException("--jdbc-url is required");
            }
            if (batchSize < 1 || batchSize > 1000) {
                // 1,000 keys is as long an IN list as every database takes (Oracle's limit).
                throw new IllegalArgumentException("--batch-size must be between 1 and 1000");
            }
        } catch (IllegalArgumentException e) {
            err.println("clearsessions: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        String password = System.getenv(passwordVariable);
        try (Connection db = connect(url, user, password)) {
            requireTable(db);
            long removed = clear(db, batchSize, LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            out.println("Cleared " + removed + " expired sessions");
            return 0;
        } catch (SQLException e) {
            // The driver's message, never the password: it is not in the URL or the arguments.
            err.println("clearsessions: " + e.getMessage());
            return 2;
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        try {
            DriverManager.getDriver(url);
        } catch (SQLException noDriver) {
            throw new SQLException("no JDBC driver accepts --jdbc-url '" + url + "': check the URL, and put the "
                    + "database's driver jar on the class path next to cloakroom.jar", noDriver);
        }
        try {
            Connection db = DriverManager.getConnection(url, user, password == null ? "" : password);
            db.setAutoCommit(false);
            return db;
        } catch (SQLException e) {
            throw new SQLException("cannot connect to --jdbc-url '" + url + "': " + e.getMessage(), e);
        }
    }

    private static void requireTable(Connection db) throws SQLException {
        try (PreparedStatement probe = db.prepareStatement("select session_key from " + TABLE + " where 1 = 0")) {
            probe.executeQuery().close();
        } catch (SQLException e) {
            db.rollback();
            throw new SQLException("the database has no usable " + TABLE + " table (" + e.getMessage() + "): create it "
                    + "with META-INF/cloakroom/schema/<database>-create.sql from the jar, or deploy the application once", e);
        }
    }

    /**
     * Oldest first; the expiry again in each DELETE, so that a session refreshed meanwhile stays.
     * Each batch starts at the last expiry of the one before: deleted rows stay in the expiry index
     * until a vacuum, and scanning them again from the index's start made every batch slower.
     *
     * <p>{@code expire_date} values go to and from the driver as {@code LocalDateTime} (JDBC 4.2),
     * never as {@code Timestamp}: a timestamp passes through the JVM's time zone, where a UTC wall
     * time inside a daylight-saving gap does not exist and would move the cutoff an hour ahead.
     */
    private static long clear(Connection db, int batchSize, LocalDateTime now) throws SQLException {
        LocalDateTime from = null;
        long removed = 0;
        while (true) {
            List<String> keys = new ArrayList<>(batchSize);
            try (PreparedStatement select = db.prepareStatement("select session_key, expire_date from " + TABLE
                    + " where " + (from == null ? "" : "expire_date >= ? and ") + "expire_date < ?"
                    + " order by expire_date, session_key")) {
                int p = 1;
                if (from != null) {
                    select.setObject(p++, from);
                }
                select.setObject(p, now);
                // Portable LIMIT: every driver honours it, whatever the database's own syntax.
                select.setMaxRows(batchSize);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        keys.add(rows.getString(1));
                        from = rows.getObject(2, LocalDateTime.class);
                    }
                }
            }
            if (keys.isEmpty()) {
                db.commit();
                return removed;
            }
            try (PreparedStatement delete = db.prepareStatement("delete from " + TABLE + " where session_key in ("
                    + "?,".repeat(keys.size() - 1) + "?) and expire_date < ?")) {
                for (int i = 0; i < keys.size(); i++) {
                    delete.setString(i + 1, keys.get(i));
                }
                delete.setObject(keys.size() + 1, now);
                removed += delete.executeUpdate();
            }
            db.commit();
            if (keys.size() < batchSize) {
                return removed;
            }
        }
    }
}
