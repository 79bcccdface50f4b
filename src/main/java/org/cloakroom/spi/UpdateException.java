package org.cloakroom.spi;

/** The session to update no longer exists, e.g. after a concurrent logout (Django's {@code UpdateError}). */
public class UpdateException extends Exception {

    /** Creates the exception. */
    public UpdateException() {
        super("The session to update no longer exists");
    }
}
