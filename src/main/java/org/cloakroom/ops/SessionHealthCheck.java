package org.cloakroom.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.cloakroom.internal.cdi.SessionServices;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness check {@code cloakroom-sessions}: UP while the engine's storage answers (db: one
 * primary-key read with a query timeout; cache: a get; file: the directory takes a new file),
 * DOWN when it fails. It runs on the endpoint's thread: a storage that hangs holds it as long as
 * the storage's own timeouts allow (the datasource's connection wait, the cache client's). It tells the engine and the cleanup's
 * last success too. There is no liveness check: a server whose database is down is not dead, and restarting it
 * would not bring the database back.
 *
 * <p>A CDI bean only where the server has MicroProfile Health (Payara; WildFly with its
 * {@code microprofile-health-smallrye} subsystem): elsewhere CDI skips this class.
 */
@ApplicationScoped
@Readiness
public class SessionHealthCheck implements HealthCheck {

    public static final String NAME = "cloakroom-sessions";

    @Inject
    SessionServices services;

    @Inject
    SessionAdministration admin;

    @Override
    public HealthCheckResponse call() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("engine", services.settings().engine());
        long cleaned = services.metrics().lastCleanupSuccess();
        data.put("cleanupLastSuccess", cleaned == 0 ? "none yet" : Instant.ofEpochMilli(cleaned).toString());
        String failure = probe();
        if (failure != null) {
            data.put("error", failure);
        }
        // Built directly rather than through HealthCheckResponse.named(): no provider look-up involved.
        return new HealthCheckResponse(NAME, failure == null ? Status.UP : Status.DOWN, Optional.of(data));
    }

    /**
     * Null when the storage answered, else the class of what went wrong. Not its message: the
     * endpoint needs no login (on Payara it is on the public port), and messages name hosts,
     * users and paths. The engine guard logs the whole failure once per outage.
     */
    private String probe() {
        try {
            admin.probe();
            return null;
        } catch (RuntimeException e) {
            return describe(e);
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
