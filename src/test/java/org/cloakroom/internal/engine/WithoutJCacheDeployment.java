package org.cloakroom.internal.engine;

import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import java.util.function.Function;
import org.cloakroom.internal.cdi.CloakroomExtension;
import org.cloakroom.internal.cdi.CloakroomProducers;
import org.cloakroom.persistence.SessionDatabase;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Deploys the engine beans and the validating extension in Weld SE, for
 * {@link CacheEnginesWithoutJCacheTest}, which runs it in a class loader without {@code javax.cache}.
 * Takes the {@code SESSION_ENGINE} value (already set as a system property) and answers
 * "deployed" or the deployment failure with its causes.
 */
public class WithoutJCacheDeployment implements Function<String, String> {

    /** The {@code db} engine's factory; the deployment check never opens it. */
    static class NoDatabase {
        @Produces
        @SessionDatabase
        EntityManagerFactory factory() {
            return null;
        }
    }

    @Override
    public String apply(String engine) {
        Weld weld = new Weld("without-jcache-" + engine).disableDiscovery()
                .addBeanClasses(CacheEngine.class, CachedDatabaseEngine.class, DatabaseEngine.class,
                        CloakroomProducers.class, org.cloakroom.internal.cdi.ConfigurationCheck.class,
                        org.cloakroom.internal.cdi.SuspendingTransactions.class, NoDatabase.class)
                .addExtension(new CloakroomExtension());
        try (WeldContainer container = weld.initialize()) {
            return "deployed";
        } catch (RuntimeException | LinkageError e) {
            StringBuilder failure = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                failure.append(t).append('\n');
            }
            return failure.toString();
        }
    }
}
