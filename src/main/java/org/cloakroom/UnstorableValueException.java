package org.cloakroom;

/**
 * A value cannot be stored in the session: its type is not one the session's JSON codec can bring
 * back as the same Java type, or it is an application type that is not allow-listed.
 *
 * <p>Thrown by {@code put} (and every other write) at the line that stores the value, never later
 * at the end of the request. The message names the session key and the offending type.
 */
public class UnstorableValueException extends IllegalArgumentException {

    /** The session key whose value could not be stored. */
    private final String key;
    /** The type that could not be stored. */
    private final Class<?> type;

    /**
     * Creates the exception for one value.
     *
     * @param key    the session key the value was stored under
     * @param type   the type that cannot be stored, or null when the value is null
     * @param reason why, completing a sentence that starts with the type's name
     */
    public UnstorableValueException(String key, Class<?> type, String reason) {
        super("Cannot store the value of session key '" + key + "': "
                + (type == null ? "null" : type.getName()) + " " + reason);
        this.key = key;
        this.type = type;
    }

    /** {@return the session key whose value could not be stored} */
    public String getKey() {
        return key;
    }

    /** {@return the type that could not be stored (may be a nested element's type)} */
    public Class<?> getType() {
        return type;
    }
}
