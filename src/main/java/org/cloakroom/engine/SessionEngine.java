package org.cloakroom.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * Where session data is kept: Django's store contract, without the rules (those live in
 * {@link BaseSession}, once for every engine). Data arrives already encoded as a string.
 *
 * <p>An engine is an {@code @ApplicationScoped} CDI bean; the built-in ones carry
 * {@link EngineName}, an application's own is chosen by giving its class name to
 * {@code SESSION_ENGINE}. Implementations must be thread-safe.
 */
public interface SessionEngine {

    /** The encoded data stored under {@code key}, empty if there is none or it has expired. */
    Optional<String> load(String key);

    /** Whether anything is stored under {@code key}, expired or not. */
    boolean exists(String key);

    /**
     * Stores {@code data} under {@code key} until {@code expireDate}.
     *
     * @param mustCreate true: the key must be new ({@link CreateException} if it is taken);
     *                   false: the key must exist ({@link UpdateException} if it is gone — a
     *                   concurrent logout must not be undone)
     * @return the key under which the data now lives, which the cookie carries (an engine that
     *         keeps the data in the cookie returns the signed data itself)
     */
    String save(String key, String data, Instant expireDate, boolean mustCreate)
            throws CreateException, UpdateException;

    /** Removes what is stored under {@code key}, if anything. */
    void delete(String key);

    /** Removes expired sessions; returns how many, or 0 for engines whose storage expires by itself. */
    long clearExpired();

    /** Whether this engine could have issued {@code cookieValue}; anything else is treated as no session. */
    default boolean isWellFormedKey(String cookieValue) {
        return SessionKeys.isWellFormed(cookieValue);
    }

    /** A fresh, random key for a new session. */
    default String newKey() {
        return SessionKeys.generate();
    }

    /** Called once at deployment: fail with a {@code SessionConfigurationException} if the engine cannot work. */
    default void checkConfiguration() {
    }
}
