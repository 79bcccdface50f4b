package org.cloakroom.bench;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.cloakroom.spi.SessionKeys;

/**
 * What a hand-written session store would do on Cloakroom's own table, through the same
 * datasource: one SELECT by the {@code sessionid} cookie's key (by its storage id, as the table is
 * keyed: a hand-written store that keeps no cookie value at rest hashes it too); or, in one short transaction, the
 * same SELECT and an UPDATE of the data and expiry. The baseline for the db engines' read and write.
 */
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
@Path("")
public class JdbcResource {

    private static final String SELECT = "SELECT session_data, expire_date FROM cloakroom_session WHERE session_key = ?";
    private static final String UPDATE = "UPDATE cloakroom_session SET session_data = ?, expire_date = ? WHERE session_key = ?";
    private static final Duration AGE = Duration.ofSeconds(1_209_600);

    @Inject
    BenchDatabase database;

    @GET
    @Path("jdbc-read")
    public Response read(@CookieParam("sessionid") String cookie) throws SQLException {
        if (cookie == null) {
            return SetupResource.noSession();
        }
        String key = SessionKeys.storageId(cookie);
        try (Connection connection = database.dataSource().getConnection()) {
            String data = select(connection, key);
            return data == null ? SetupResource.noSession() : Response.ok(Integer.toString(data.length())).build();
        }
    }

    @POST
    @Path("jdbc-write")
    public Response write(@CookieParam("sessionid") String cookie) throws SQLException {
        if (cookie == null) {
            return SetupResource.noSession();
        }
        String key = SessionKeys.storageId(cookie);
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                String data = select(connection, key);
                if (data == null) {
                    connection.rollback();
                    return SetupResource.noSession();
                }
                try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                    update.setString(1, data);
                    update.setObject(2, LocalDateTime.ofInstant(Instant.now().plus(AGE), ZoneOffset.UTC));
                    update.setString(3, key);
                    update.executeUpdate();
                }
                connection.commit();
                return Response.ok(Integer.toString(data.length())).build();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static String select(Connection connection, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                String data = row.getString(1);
                row.getObject(2, LocalDateTime.class);
                return data;
            }
        }
    }
}
