package org.cloakroom.spi;

/** A new session could not be stored because its key is taken (Django's {@code CreateError}). */
public class CreateException extends Exception {

    /**
     * Creates the exception.
     *
     * @param key the key that is taken (not put in the message: keys are secrets)
     */
    public CreateException(String key) {
        super("A session with this key already exists");
    }
}
