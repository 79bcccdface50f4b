package org.cloakroom;

/**
 * The session is too large for its engine: the signed cookie would pass what browsers keep, or the
 * data would pass what the {@code session_data} column holds. Nothing was stored.
 *
 * <p>Thrown when the session is saved at the end of the request, so the request fails (a 500)
 * instead of the session being dropped silently. The message gives the size and the limit.
 */
public class SessionTooLargeException extends IllegalStateException {

    /**
     * Creates the exception.
     *
     * @param message the size, the limit and what to do about it
     */
    public SessionTooLargeException(String message) {
        super(message);
    }
}
