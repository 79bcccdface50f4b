package org.cloakroom.internal.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.internal.engine.ActiveEngine;
import org.cloakroom.spi.SessionEngine;

/**
 * Builds the settings and the active engine and asks the engine whether it can work, for
 * {@link CloakroomExtension}. Being a bean of Cloakroom's own archive, it resolves them with that
 * archive's visibility, whichever bean manager the container hands the extension.
 */
@Dependent
public class ConfigurationCheck {

    @Inject
    SessionSettings settings;

    @Inject
    @ActiveEngine
    SessionEngine engine;

    @Inject
    @Any
    Instance<DeploymentCheck> more;

    /** Throws {@code SessionConfigurationException} when the engine cannot work with these settings. */
    void run() {
        engine.checkConfiguration();
        more.forEach(DeploymentCheck::run);
    }

    String engineName() {
        return settings.engine();
    }
}
