package org.cloakroom.codec;

/**
 * Stored session data cannot be decoded: it is not JSON in the codec's format, names a type the
 * codec refuses to load, or holds a value out of range for its type. Callers treat the session as
 * empty (as Django does for data that fails to decode) rather than failing the request.
 */
public class CorruptSessionDataException extends Exception {

    private static final long serialVersionUID = 1L;

    public CorruptSessionDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
