package org.cloakroom.config;

/**
 * A setting has a value Cloakroom cannot work with. The message names the setting (in its
 * environment-variable form, which is Django's name) and says why; the CDI extension turns it into
 * a deployment failure. {@link Setting#invalid(String, String)} builds it in that form.
 */
public class SessionConfigurationException extends RuntimeException {

    public SessionConfigurationException(String message) {
        super(message);
    }

    public SessionConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
