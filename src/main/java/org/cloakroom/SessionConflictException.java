package org.cloakroom;

/**
 * Other requests of the same visitor kept saving the session while this one tried to, and this
 * one's changes could not be merged in after several attempts. Nothing of this request was saved;
 * nothing of the others was lost. The HTTP filter answers 409; the client may retry.
 */
public class SessionConflictException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param attempts how many times this request tried to merge its changes and save
     */
    public SessionConflictException(int attempts) {
        super("The session kept changing in concurrent requests; this request's changes were not saved after "
                + attempts + " attempts to merge them");
    }
}
