package org.cloakroom.cdi;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import java.util.logging.Logger;
import org.cloakroom.config.SessionConfigurationException;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.engine.ActiveEngine;
import org.cloakroom.engine.SessionEngine;

/**
 * Fails the deployment when the session settings are wrong: a bad value, an unknown engine, an
 * engine that cannot work with its settings. The message names the setting and says why, at
 * deployment rather than on the first request.
 */
public class CloakroomExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(CloakroomExtension.class.getName());

    void validate(@Observes AfterDeploymentValidation validation, BeanManager beans) {
        try {
            SessionSettings settings = beans.createInstance().select(SessionSettings.class).get();
            SessionEngine engine = beans.createInstance().select(SessionEngine.class, ActiveEngine.Literal.INSTANCE).get();
            engine.checkConfiguration();
            LOG.fine(() -> "Cloakroom sessions use the " + settings.engine() + " engine");
        } catch (SessionConfigurationException e) {
            validation.addDeploymentProblem(e);
        } catch (RuntimeException e) {
            // CDI wraps a producer's exception; surface ours, which names the setting.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SessionConfigurationException config) {
                    validation.addDeploymentProblem(config);
                    return;
                }
            }
            throw e;
        }
    }
}
