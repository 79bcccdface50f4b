package org.cloakroom.internal.cdi;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.interceptor.Interceptor;
import java.util.logging.Logger;
import org.cloakroom.config.SessionConfigurationException;

/**
 * Fails the deployment when the session settings are wrong: a bad value, an unknown engine, an
 * engine that cannot work with its settings. The message names the setting and says why, at
 * deployment rather than on the first request.
 *
 * <p>The check runs through the {@link ConfigurationCheck} bean rather than a lookup in the bean
 * manager this extension receives: on Payara (as on GlassFish) that manager belongs to a synthetic
 * archive holding only the extension, which sees none of Cloakroom's beans.
 */
public class CloakroomExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(CloakroomExtension.class.getName());

    private Bean<?> check;

    void found(@Observes ProcessManagedBean<ConfigurationCheck> bean) {
        check = bean.getBean();
    }

    /**
     * First of all validations, and a failure is thrown rather than added as a problem: the
     * deployment stops here, before other extensions act on a deployment that cannot work
     * (WildFly's health extension would register the application's readiness check and, the
     * deployment failing, never release it).
     */
    void validate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) AfterDeploymentValidation validation,
            BeanManager beans) {
        if (check == null) {
            LOG.warning("Cloakroom's beans were not discovered: its settings are not validated at deployment");
            return;
        }
        CreationalContext<?> context = beans.createCreationalContext(check);
        try {
            ConfigurationCheck configuration = (ConfigurationCheck) beans.getReference(check, ConfigurationCheck.class, context);
            configuration.run();
            LOG.fine(() -> "Cloakroom sessions use the " + configuration.engineName() + " engine");
        } catch (SessionConfigurationException e) {
            throw e;
        } catch (RuntimeException e) {
            // CDI wraps a producer's exception; surface ours, which names the setting.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SessionConfigurationException config) {
                    throw config;
                }
            }
            throw e;
        } finally {
            context.release();
        }
    }
}
