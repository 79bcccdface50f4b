package org.cloakroom.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * When the application starts: registers the JMX bean, and exports the metrics to the server's
 * metrics API if the application sees one (Micrometer, then MicroProfile Metrics); when it stops,
 * takes them all away again, so a redeployment starts clean.
 */
@ApplicationScoped
class OperationsStartup {

    static final String LIVE = "cloakroom.sessions.live";
    static final String UNNAMED = "cloakroom";
    static final String LIVE_DESCRIPTION = "Unexpired sessions stored, counted when read (NaN: the engine cannot count)";
    private static final Logger LOG = Logger.getLogger(OperationsStartup.class.getName());

    @Inject
    SessionAdministration admin;

    /**
     * Resolves the registries: a real injection point, which Payara's MetricRegistry producer needs
     * (a look-up through the BeanManager or CDI.current() fails there).
     */
    @Inject
    Instance<Object> instances;

    private final List<AutoCloseable> exports = new ArrayList<>();
    private ObjectName registered;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (registered != null || !exports.isEmpty()) {
            return;   // started already (one jar shared by several modules sees the event more than once)
        }
        admin.captureContext();
        String application = applicationName(event);
        register(application);
        DoubleSupplier live = () -> {
            try {
                return admin.liveSessionsRecent().stream().mapToDouble(n -> n).findFirst().orElse(Double.NaN);
            } catch (RuntimeException storeDown) {
                return Double.NaN;
            }
        };
        StringBuilder where = new StringBuilder("JMX " + (registered == null ? "unavailable" : registered));
        Object micrometer = bean("io.micrometer.core.instrument.MeterRegistry");
        if (micrometer != null && export("Micrometer", () -> new MicrometerExport(micrometer, admin.metrics(), live, application))) {
            where.append(", Micrometer");
        }
        Object microProfile = bean("org.eclipse.microprofile.metrics.MetricRegistry");
        if (microProfile != null && export("MicroProfile Metrics",
                () -> new MicroProfileMetricsExport(microProfile, admin.metrics(), live, application))) {
            where.append(", MicroProfile Metrics");
        }
        LOG.info("Cloakroom's metrics for " + application + ": " + where
                + (exports.isEmpty() ? " (no metrics API in this application's server)" : ""));
    }

    /** Registers an export; a registry that refuses costs the export, never the deployment. */
    private boolean export(String registry, Supplier<AutoCloseable> export) {
        try {
            exports.add(export.get());
            return true;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Cloakroom's metrics are not exported to " + registry + "; sessions work without them", e);
            return false;
        }
    }

    /**
     * The name that tells this application's metrics from others' on the same server: its module
     * name ({@code shop} for {@code shop.war}), else its context path, else {@value #UNNAMED}.
     */
    private static String applicationName(Object event) {
        try {
            return InitialContext.doLookup("java:module/ModuleName");
        } catch (NamingException | RuntimeException outsideAServer) {
            return event instanceof ServletContext context && !context.getContextPath().isEmpty()
                    ? context.getContextPath().substring(1) : UNNAMED;
        }
    }

    private void register(String application) {
        try {
            String base = "org.cloakroom:type=Sessions,application=" + ObjectName.quote(application);
            ObjectName name = new ObjectName(base);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                // Another application of the same name (a module in another EAR): both stay, told apart.
                name = new ObjectName(base + ",instance=" + Integer.toHexString(System.identityHashCode(this)));
            }
            server.registerMBean(new StandardMBean(new SessionsBean(admin), SessionsMXBean.class, true), name);
            registered = name;
        } catch (JMException | SecurityException e) {
            LOG.log(Level.WARNING, "Cloakroom's JMX bean could not be registered; sessions work without it", e);
        }
    }

    /** The bean of a type the application may not see: null when it does not, or no bean has it. */
    private Object bean(String typeName) {
        Class<?> type;
        try {
            type = Class.forName(typeName, false, OperationsStartup.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
        try {
            Instance<?> found = instances.select(type);
            return found.isResolvable() ? found.get() : null;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cloakroom's metrics are not exported to " + typeName, e);
            return null;
        }
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        for (AutoCloseable export : exports) {
            try {
                export.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "Removing Cloakroom's metrics", e);
            }
        }
        exports.clear();
        if (registered != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(registered);
            } catch (JMException e) {
                LOG.log(Level.FINE, "Unregistering Cloakroom's JMX bean", e);
            }
            registered = null;
        }
    }
}
