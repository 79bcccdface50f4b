package org.cloakroom.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.cloakroom.SessionSummary;
import org.cloakroom.event.SessionsExpired;

/**
 * Where session data is kept: Django's store contract, without the rules (those live in
 * {@code org.cloakroom.internal.engine.BaseSession}, once for every engine). Data arrives already encoded as a string.
 *
 * <p>An engine is an {@code @ApplicationScoped} CDI bean; the built-in ones carry
 * {@code org.cloakroom.internal.engine.EngineName}, an application's own is chosen by giving its class name to
 * {@code SESSION_ENGINE}. Implementations must be thread-safe.
 */
public interface SessionEngine {

    /**
     * {@return the encoded data stored under {@code key}, empty if there is none or it has expired}
     *
     * @param key the session key
     */
    Optional<String> load(String key);

    /**
     * As {@link #load}, with the version {@link #replace} compares against. The default takes the
     * data as its own version, which is right for an engine whose {@code replace} compares the data.
     *
     * @param key the session key
     * @return the data and its version, empty if there is none or it has expired
     */
    default Optional<Loaded> loadVersioned(String key) {
        return load(key).map(Loaded::ofData);
    }

    /**
     * {@return whether anything is stored under {@code key}, expired or not}
     *
     * @param key the session key
     */
    boolean exists(String key);

    /**
     * Stores {@code data} under {@code key} until {@code expireDate}.
     *
     * @param key        the session key
     * @param data       the encoded session data
     * @param expireDate when the stored session expires
     * @param mustCreate true: the key must be new ({@link CreateException} if it is taken);
     *                   false: the key must exist ({@link UpdateException} if it is gone — a
     *                   concurrent logout must not be undone)
     * @return the key under which the data now lives, which the cookie carries (an engine that
     *         keeps the data in the cookie returns the signed data itself)
     * @throws CreateException if {@code mustCreate} and the key is taken
     * @throws UpdateException if not {@code mustCreate} and nothing is stored under the key any more
     */
    String save(String key, String data, Instant expireDate, boolean mustCreate)
            throws CreateException, UpdateException;

    /**
     * {@link #save} of a new key ({@code mustCreate}), told the name of the caller the session is
     * logged in as (null: anonymous), for an engine that finds sessions by user. A login always
     * creates a row (it cycles the key), so an update never needs to change it.
     */
    default String create(String key, String data, Instant expireDate, String principal) throws CreateException {
        try {
            return save(key, data, expireDate, true);
        } catch (UpdateException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * The live sessions created for the caller named {@code principal} (see {@link #create}), each
     * with its storage id and expiry; {@code current} is false in all of them.
     *
     * @throws UnsupportedOperationException if this engine cannot find sessions by user
     */
    default List<SessionSummary> sessionsOf(String principal) {
        throw cannotFindByUser();
    }

    /**
     * Deletes the sessions of the caller named {@code principal}, except the one stored under
     * {@code keepKey} (null: none kept); returns the storage ids of those deleted.
     *
     * @throws UnsupportedOperationException if this engine cannot find sessions by user
     */
    default List<String> deleteSessionsOf(String principal, String keepKey) {
        throw cannotFindByUser();
    }

    private UnsupportedOperationException cannotFindByUser() {
        return new UnsupportedOperationException("The " + getClass().getSimpleName() + " engine cannot find a user's "
                + "sessions: use SESSION_ENGINE=db or cached_db, which index sessions by user");
    }

    /**
     * Compare-and-set: stores {@code data} under {@code key} only if what is stored there is still
     * {@code expected} (as {@link #loadVersioned} returned it), atomically, also against other
     * processes sharing the storage. This is what keeps concurrent requests of one visitor from
     * losing each other's changes: on a conflict the session merges and tries again.
     *
     * @param key        the session key
     * @param expected   what {@link #loadVersioned} (or {@link #stored}) gave for the state this
     *                   request started from
     * @param data       the encoded session data to store
     * @param expireDate when the stored session expires
     * @return the key under which the data now lives (as for {@link #save}), or empty if another
     *         save came first and nothing was stored
     * @throws UpdateException if nothing is stored under {@code key} any more (deleted or cleared)
     */
    Optional<String> replace(String key, Loaded expected, String data, Instant expireDate) throws UpdateException;

    /**
     * What {@link #loadVersioned} would return right after this engine stored {@code data} (by
     * {@link #save} or {@link #replace}), so that a session saving twice in one request need not
     * read again. The default suits engines whose version is the data.
     *
     * @param data       the encoded session data just stored
     * @param expireDate when the stored session expires
     * @param previous   the version that write replaced; null after a {@link #save} that created the session
     * @return the data and the version the write left
     */
    default Loaded stored(String data, Instant expireDate, Loaded previous) {
        return Loaded.ofData(data);
    }

    /**
     * Removes what is stored under {@code key}, if anything.
     *
     * @param key the session key
     */
    void delete(String key);

    /**
     * Removes expired sessions.
     *
     * @return how many were removed, or 0 for engines whose storage expires by itself
     */
    long clearExpired();

    /**
     * As {@link #clearExpired()}, telling {@code removed} which sessions each batch removed, after
     * the batch committed. The default tells nothing: engines whose storage expires by itself.
     */
    default long clearExpiredReporting(Consumer<List<SessionsExpired.Expired>> removed) {
        return clearExpired();
    }

    /**
     * {@return whether this engine could have issued {@code cookieValue}} Anything else is treated as no session.
     *
     * @param cookieValue the value of the session cookie
     */
    default boolean isWellFormedKey(String cookieValue) {
        return SessionKeys.isWellFormed(cookieValue);
    }

    /** {@return a fresh, random key for a new session} */
    default String newKey() {
        return SessionKeys.generate();
    }

    /**
     * {@return how many unexpired sessions are stored, counted now} Empty for engines that cannot
     * count: the default, and storage that expires by itself or lives in cookies. Meant for an
     * operator's gauge, not for requests.
     */
    default OptionalLong countLive() {
        return OptionalLong.empty();
    }

    /**
     * Checks that the storage answers, for a readiness check: returns normally or throws. The
     * default looks up a key that was never issued: one primary-key read or cache get.
     */
    default void probe() {
        exists(newKey());
    }

    /** Called once at deployment: fail with a {@code SessionConfigurationException} if the engine cannot work. */
    default void checkConfiguration() {
    }
}
