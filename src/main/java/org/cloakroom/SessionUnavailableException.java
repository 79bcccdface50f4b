package org.cloakroom;

/**
 * The session store cannot be reached (the database, the cache or the session directory is
 * down). The HTTP filter answers such a request with 503 and {@code Retry-After}; nothing of it is
 * saved, and nothing stored before is lost. One ERROR line is logged when an outage starts and one
 * INFO line when it ends, on {@code org.cloakroom.internal.engine.GuardedEngine}.
 */
public class SessionUnavailableException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param cause what the engine reported (a connection refused, an I/O error, a cache failure)
     */
    public SessionUnavailableException(Throwable cause) {
        super("The session store is unavailable: " + cause.getClass().getName(), cause);
    }
}
