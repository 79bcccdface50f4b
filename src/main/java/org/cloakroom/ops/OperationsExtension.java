package org.cloakroom.ops;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import org.cloakroom.config.SessionConfigurationException;
import org.cloakroom.config.SettingsLoader;
import org.cloakroom.config.SettingsSource;

/**
 * Leaves the readiness check out of a deployment whose settings are wrong. That deployment fails
 * (the CDI layer says which setting), and WildFly would otherwise keep reporting the check of the
 * stopped application, DOWN, until the server restarts: its health reporter takes the checks
 * before the deployment fails and never lets them go.
 */
public class OperationsExtension implements Extension {

    /** By name: this class must load where MicroProfile Health, which the check implements, does not. */
    private static final String HEALTH_CHECK = "org.cloakroom.ops.SessionHealthCheck";

    void leaveOutOfAFailingDeployment(@Observes ProcessAnnotatedType<?> type) {
        if (type.getAnnotatedType().getJavaClass().getName().equals(HEALTH_CHECK) && !settingsHold()) {
            type.veto();
        }
    }

    private static boolean settingsHold() {
        try {
            SettingsSource source = SettingsSource.fromEnvironment();
            SettingsLoader.load(source);
            SettingsLoader.adminRole(source);
            return true;
        } catch (SessionConfigurationException e) {
            return false;
        }
    }
}
