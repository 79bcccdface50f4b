package org.cloakroom.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.cloakroom.cdi.SessionServices;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness check {@code cloakroom-sessions}: UP while the engine's storage answers (db: one
 * primary-key read; cache: a get; file: the directory takes a new file), DOWN when it fails or
 * takes longer than {@value #TIMEOUT_SECONDS} s. It tells the engine and the cleanup's last success
 * too. There is no liveness check: a server whose database is down is not dead, and restarting it
 * would not bring the database back.
 *
 * <p>A CDI bean only where the server has MicroProfile Health (Payara; WildFly with its
 * {@code microprofile-health-smallrye} subsystem): elsewhere CDI skips this class.
 */
@ApplicationScoped
@Readiness
public class SessionHealthCheck implements HealthCheck {

    public static final String NAME = "cloakroom-sessions";
    static final int TIMEOUT_SECONDS = 3;

    @Inject
    SessionServices services;

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

    /** Null when the storage answered in time, else what went wrong (a class name and message, never data). */
    private String probe() {
        CompletableFuture<Void> probe;
        try {
            probe = CompletableFuture.runAsync(services.engine()::probe, executor());
        } catch (RuntimeException e) {
            return describe(e);
        }
        try {
            probe.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (TimeoutException e) {
            probe.cancel(true);
            return "no answer within " + TIMEOUT_SECONDS + " s";
        } catch (ExecutionException e) {
            return describe(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** The server's default managed executor, so that a hung storage never holds the health endpoint's thread. */
    private static java.util.concurrent.Executor executor() {
        try {
            return (ManagedExecutorService) InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        } catch (NamingException | RuntimeException e) {
            // Outside a server (tests): probe on the caller's thread.
            return Runnable::run;
        }
    }
}
