package org.cloakroom.ops;

import jakarta.enterprise.context.Dependent;
import org.cloakroom.internal.cdi.DeploymentCheck;
import org.cloakroom.config.SettingsLoader;
import org.cloakroom.config.SettingsSource;

/** Fails the deployment, naming {@code SESSION_ADMIN_ROLE}, when its value is not a role name. */
@Dependent
class AdminCheck implements DeploymentCheck {

    @Override
    public void run() {
        SettingsLoader.adminRole(SettingsSource.fromEnvironment());
    }
}
