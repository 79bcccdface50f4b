package org.cloakroom.engine;

/** A new session could not be stored because its key is taken (Django's {@code CreateError}). */
public class CreateException extends Exception {

    public CreateException(String key) {
        super("A session with this key already exists");
    }
}
