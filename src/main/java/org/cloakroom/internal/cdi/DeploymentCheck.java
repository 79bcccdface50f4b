package org.cloakroom.internal.cdi;

/**
 * A check of the deployment that a layer above this one contributes (the login's, say): a
 * {@code @Dependent} bean implementing it runs once at deployment, after the settings and the
 * engine were checked, and fails it with a {@code SessionConfigurationException} naming the setting.
 */
public interface DeploymentCheck {

    /** Throws {@code SessionConfigurationException} when the deployment cannot work. */
    void run();
}
