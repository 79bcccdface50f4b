package org.cloakroom.testing;

import jakarta.enterprise.inject.spi.BeanManager;
import org.cloakroom.cdi.ModificationTrackingInterceptor;
import org.cloakroom.engine.BaseSession;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Wraps sessions with the real modification-tracking interceptor, through one Weld SE container
 * for the whole test run, exactly as the producer does in a server.
 */
public final class Interception {

    private static WeldContainer container;

    private Interception() {
    }

    private static synchronized BeanManager beans() {
        if (container == null) {
            container = new Weld("cloakroom-tests").disableDiscovery()
                    .addInterceptor(ModificationTrackingInterceptor.class)
                    .addBeanClass(ModificationTrackingInterceptor.class)
                    .initialize();
        }
        return container.getBeanManager();
    }

    public static BaseSession intercept(BaseSession session) {
        BeanManager beans = beans();
        return beans.createInterceptionFactory(beans.createCreationalContext(null), BaseSession.class)
                .ignoreFinalMethods()
                .createInterceptedInstance(session);
    }
}
