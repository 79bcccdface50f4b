package org.cloakroom;

/**
 * The stored session was deleted by a concurrent request (a logout in another tab, for example)
 * while this request modified it. The HTTP filter answers such a request with 400, as Django's
 * {@code SessionInterrupted} does, and never resurrects the deleted session.
 */
public class SessionInterruptedException extends RuntimeException {

    /** Creates the exception, with Django's message. */
    public SessionInterruptedException() {
        super("The request's session was deleted before the request completed. "
                + "The user may have logged out in a concurrent request, for example.");
    }
}
