package org.cloakroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

/**
 * The outage drill of the two-node profile, for any store: with a session stored, the store goes
 * down; requests that need their session get 503 with {@code Retry-After} within seconds, one that
 * does not is served; the store comes back; the session from before is there, nothing refused was
 * half-saved, and the engine guard logged one ERROR and one INFO. Meanwhile the node's readiness
 * check {@code cloakroom-sessions} is DOWN (liveness UP), and UP again afterwards without a
 * restart. The WAR carries {@link OutageSwitch}.
 */
final class OutageDrill {

    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(10);

    interface Step {
        void run() throws Exception;
    }

    private OutageDrill() {
    }

    private static void assertUnavailableWithinBound(Browser b, String path, boolean put) {
        long start = System.nanoTime();
        HttpResponse<String> r = put ? b.put(path, "x") : b.get(path);
        long took = System.nanoTime() - start;
        assertEquals(503, r.statusCode(), r.body());
        assertEquals("5", r.headers().firstValue("Retry-After").orElse(null));
        assertTrue(took < BOUND_NANOS, "answered in " + took / 1_000_000 + " ms");
    }

    private static final String CHECK_DOWN =
            "(?s).*\"name\"\\s*:\\s*\"cloakroom-sessions\"\\s*,\\s*\"status\"\\s*:\\s*\"DOWN\".*";

    /** @param node the cluster node serving {@code app}, whose health checks are read */
    static void run(URL app, String node, Step down, Step up) throws Exception {
        String ready = Cluster.managementUrl(node, "/health/ready");
        assertEquals(200, OperationsHttpIT.fetch(ready).statusCode(), "ready before the outage");
        Browser visitor = new Browser(app);
        visitor.put("api/session/put/a", "1");
        assertEquals("1", visitor.get("api/session/get/a").body());
        Browser admin = new Browser(app);
        admin.post("api/outage/watch", "");
        down.run();
        try {
            for (int i = 0; i < 5; i++) {
                assertUnavailableWithinBound(visitor, "api/session/get/a", false);
            }
            assertUnavailableWithinBound(visitor, "api/session/put/b", true);
            assertUnavailableWithinBound(new Browser(app), "api/session/put/c", true);
            assertEquals("nothing", visitor.get("api/session/untouched").body());
            HttpResponse<String> notReady = OperationsHttpIT.fetch(ready);
            assertEquals(503, notReady.statusCode(), notReady.body());
            assertTrue(notReady.body().matches(CHECK_DOWN), notReady.body());
            assertEquals(200, OperationsHttpIT.fetch(Cluster.managementUrl(node, "/health/live")).statusCode(),
                    "liveness stays up: a restart would not bring the store back");
        } finally {
            up.run();
        }
        // Connections broken by the outage are replaced as they are used.
        HttpResponse<String> back = visitor.get("api/session/get/a");
        for (int i = 0; i < 20 && back.statusCode() != 200; i++) {
            Thread.sleep(500);
            back = visitor.get("api/session/get/a");
        }
        assertEquals(200, back.statusCode(), back.body());
        assertEquals("1", back.body(), "the session from before the outage");
        assertEquals("null", visitor.get("api/session/get/b").body(), "a change refused with 503 was not half-saved");
        assertEquals("1,1", admin.get("api/outage/log").body(), "one ERROR when it started, one INFO when it ended");
        HttpResponse<String> readyAgain = OperationsHttpIT.fetch(ready);
        assertEquals(200, readyAgain.statusCode(), readyAgain.body());
    }
}
