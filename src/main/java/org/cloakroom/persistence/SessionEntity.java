package org.cloakroom.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cloakroom.codec.CorruptSessionDataException;
import org.cloakroom.codec.SessionCodec;

/**
 * One stored session (Django's {@code Session} model): the storage id of the key the cookie
 * carries (its SHA-256, cut to 40 hexadecimal characters: the table never holds a cookie value),
 * the encoded data and when it expires. {@code expire_date} holds UTC and is indexed for the cleanup;
 * {@code principal}, the logged-in caller's name or null, is indexed to find a user's sessions.
 */
@Entity(name = SessionEntity.NAME)
@NamedQuery(name = SessionEntity.LOAD, query = "select s.sessionData, s.expireDate, s.version from "
        + SessionEntity.NAME + " s where s.sessionKey = :key")
@NamedQuery(name = SessionEntity.DELETE, query = "delete from " + SessionEntity.NAME + " s where s.sessionKey = :key")
@Table(name = SessionEntity.TABLE, indexes = {
        @Index(name = "cloakroom_session_expire_date_idx", columnList = "expire_date"),
        @Index(name = "cloakroom_session_principal_idx", columnList = "principal")})
public class SessionEntity {

    /** The entity name used in queries. */
    public static final String NAME = "CloakroomSession";
    /** The table: the db engine's saves are native SQL on it. */
    public static final String TABLE = "cloakroom_session";
    /**
     * A live session's data, expiry and version by {@code :key}: a named query, parsed and
     * translated once when the persistence unit starts, with its result types known in advance (a
     * native query is parsed for its parameters, and its columns' types resolved, at every execution).
     */
    public static final String LOAD = NAME + ".load";
    /** A named query, parsed once when the persistence unit starts rather than on every request. */
    public static final String DELETE = NAME + ".delete";
    /** The longest encoded session the column holds, in characters. */
    public static final int MAX_DATA_LENGTH = 1_000_000;
    /** The longest caller name the {@code principal} column holds. */
    public static final int MAX_PRINCIPAL_LENGTH = 255;

    @Id
    @Column(name = "session_key", length = 40, nullable = false)
    private String sessionKey;

    /**
     * Not a LOB: Hibernate maps a LOB string to {@code oid} on PostgreSQL and {@code tinytext} on
     * MariaDB. This length gives {@code varchar(1000000)}, {@code mediumtext} on MariaDB/MySQL and
     * {@code clob} on Oracle: room for any sensible session.
     */
    @Column(name = "session_data", nullable = false, length = SessionEntity.MAX_DATA_LENGTH)
    private String sessionData;

    @Column(name = "expire_date", nullable = false)
    private LocalDateTime expireDate;

    /**
     * Incremented by every update, which only succeeds if it still holds the value read with the
     * data: how two concurrent requests of one visitor notice each other and merge. Not a JPA
     * {@code @Version}: the engine's own UPDATE maintains it.
     */
    @Column(name = "session_version", nullable = false)
    private long version;

    /**
     * The name of the caller logged in with this session, or null: written when the row is created
     * (a login always creates one, as it cycles the key), so an ordinary save stays one UPDATE.
     */
    @Column(name = "principal", length = MAX_PRINCIPAL_LENGTH)
    private String principal;

    protected SessionEntity() {
    }

    public SessionEntity(String sessionKey, String sessionData, Instant expireDate) {
        this(sessionKey, sessionData, expireDate, null);
    }

    public SessionEntity(String sessionKey, String sessionData, Instant expireDate, String principal) {
        this.sessionKey = sessionKey;
        this.sessionData = sessionData;
        this.expireDate = toColumn(expireDate);
        this.principal = principal;
    }

    /** How an instant is written to {@code expire_date}: UTC, without a zone, portable to every database. */
    public static LocalDateTime toColumn(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** {@link #toColumn} as a JDBC timestamp, for native queries (every provider binds it). */
    public static java.sql.Timestamp toTimestamp(Instant instant) {
        return java.sql.Timestamp.valueOf(toColumn(instant));
    }

    /** Reads {@code expire_date} as a native query returns it (a timestamp or a java.time value, by provider). */
    public static Instant fromColumn(Object column) {
        if (column instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (column instanceof LocalDateTime dateTime) {
            return dateTime.toInstant(ZoneOffset.UTC);
        }
        if (column instanceof java.time.OffsetDateTime dateTime) {
            return dateTime.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (column instanceof Instant instant) {
            return instant;
        }
        throw new IllegalStateException("Unexpected type for expire_date: " + (column == null ? null : column.getClass()));
    }

    public String getSessionKey() {
        return sessionKey;
    }

    /** The encoded data, as stored. */
    public String getSessionData() {
        return sessionData;
    }

    public Instant getExpireDate() {
        return expireDate.toInstant(ZoneOffset.UTC);
    }

    /** The logged-in caller's name, or null for an anonymous session. */
    public String getPrincipal() {
        return principal;
    }

    /** How many times the session was updated since it was created. */
    public long getVersion() {
        return version;
    }

    /**
     * The stored data as a map (Django's {@code get_decoded()}); corrupt data gives an empty map.
     * The caller passes the codec, normally the application's ({@code @Inject SessionCodec}): an
     * entity cannot have it injected, and looking it up here would, outside a container, silently
     * give a codec without {@code SESSION_SERIALIZER_ALLOWED_TYPES}, which refuses the
     * application's own types.
     *
     * @param codec the codec the sessions were encoded with
     */
    public Map<String, Object> getDecoded(SessionCodec codec) {
        try {
            return codec.decode(sessionData);
        } catch (CorruptSessionDataException e) {
            return new LinkedHashMap<>();
        }
    }

    @Override
    public String toString() {
        return sessionKey;
    }
}
