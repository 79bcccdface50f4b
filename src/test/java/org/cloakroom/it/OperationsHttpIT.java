package org.cloakroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Operating Cloakroom over real HTTP, where the server's operators look: the metrics its metrics
 * endpoint exports (WildFly: Micrometer's Prometheus registry on the management port; Payara:
 * MicroProfile Metrics at /metrics), the readiness check, and the admin resource behind its role.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperationsHttpIT {

    static final boolean PAYARA = "payara".equals(System.getProperty("arquillian.launch"));

    @Deployment(name = "ops-db", testable = false)
    static WebArchive db() {
        return LoginHttpIT.withLogin(EnginesHttpIT.war("ops-db", "session.engine=db\nsession.admin.role=session-admin\n"
                + LoginHttpIT.SECRET));
    }

    /**
     * No login mechanism, so that only the requests below read sessions (a remembered login reads
     * the session of every request with a cookie), and no SESSION_ADMIN_ROLE: the admin resource is off.
     */
    @Deployment(name = "ops-plain", testable = false)
    static WebArchive plain() {
        return EnginesHttpIT.war("ops-plain", "session.engine=db\n");
    }

    @ArquillianResource
    @OperateOnDeployment("ops-db")
    URL app;

    @ArquillianResource
    @OperateOnDeployment("ops-plain")
    URL plainApp;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static HttpResponse<String> fetch(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String serverUrl(String path) {
        return serverUrl(app, path);
    }

    /** Where the server serves what an operator reads: its own origin on Payara, the management port on WildFly. */
    static String serverUrl(URL app, String path) {
        return PAYARA ? "http://" + app.getHost() + ":" + app.getPort() + path
                : "http://127.0.0.1:" + System.getProperty("wildfly.management.port", "9990") + path;
    }

    private String metricsUrl() {
        return serverUrl(PAYARA ? "/metrics?scope=application" : "/prometheus");
    }

    /** Cloakroom's metrics of {@code app}'s deployment, by name without the Prometheus suffix {@code _total}. */
    private Map<String, Double> scrape(URL app) {
        HttpResponse<String> r = fetch(metricsUrl());
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Double> values = new HashMap<>();
        String application = "application=\"" + app.getPath().replaceAll("/", "") + "\"";
        for (String line : r.body().split("\n")) {
            if (line.startsWith("cloakroom_") && line.contains(application)) {
                String name = line.substring(0, line.indexOf('{')).replaceAll("_total$", "");
                values.put(name, Double.valueOf(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return values;
    }

    private static Browser visitor(URL app) {
        return new Browser(app);
    }

    @Test
    void afterRequestsOfEachKindTheExportedMetricsHaveMovedByExactlyThatMuch() {
        URL app = plainApp;
        Map<String, Double> before = scrape(app);
        assertTrue(before.containsKey("cloakroom_sessions_creations"), "exported: " + before.keySet());

        Browser one = visitor(app);
        Browser two = visitor(app);
        one.put("api/session/put/a", "1");                  // created, saved
        two.put("api/session/put/a", "1");                  // created, saved
        one.get("api/session/get/a");                        // load
        one.get("api/session/get/a");                        // load
        one.put("api/session/put/a", "2");                  // load, saved
        two.post("api/session/cycle-key", "");              // load, cycle, saved
        two.post("api/session/flush", "");                  // deleted
        Browser garbage = visitor(app);
        garbage.setCookie("garbage");
        garbage.get("api/session/get/a");                    // rejected (and the cookie deleted)
        garbage.setCookie("garbage");
        garbage.get("api/session/untouched");                // rejected (the filter judges it)
        Browser stale = visitor(app);
        stale.setCookie("abcdefghijklmnopqrstuvwxyz012345");
        stale.get("api/session/get/a");                      // load, unknown
        assertEquals(400, one.post("api/session/interrupted", "").statusCode()); // load, deleted, interrupted

        Map<String, Double> after = scrape(app);
        Map<String, Double> expected = Map.of("cloakroom_sessions_creations", 2.0, "cloakroom_sessions_saved", 4.0,
                "cloakroom_session_loads", 6.0, "cloakroom_sessions_key_cycles", 1.0,
                "cloakroom_sessions_deleted", 2.0, "cloakroom_cookies_rejected", 2.0,
                "cloakroom_sessions_unknown", 1.0, "cloakroom_sessions_interrupted", 1.0,
                "cloakroom_sessions_conflicts", 0.0, "cloakroom_sessions_corrupt", 0.0);
        Map<String, Double> moved = new HashMap<>();
        expected.keySet().forEach(name -> moved.put(name, after.get(name) - before.get(name)));
        assertEquals(expected, moved);
        assertTrue(after.get("cloakroom_session_load_seconds") > before.get("cloakroom_session_load_seconds"));
        assertTrue(after.get("cloakroom_sessions_live") >= 1, "live sessions: " + after.get("cloakroom_sessions_live"));
    }

    @Test
    void theReadinessCheckReportsTheEngineUp() {
        HttpResponse<String> r = fetch(serverUrl("/health/ready"));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"cloakroom-sessions\""), r.body());
        assertTrue(r.body().matches("(?s).*\"name\"\\s*:\\s*\"cloakroom-sessions\"\\s*,\\s*\"status\"\\s*:\\s*\"UP\".*"), r.body());
    }

    @Test
    void theAdminResourceRefusesAnonymousCallersAndMembersWithoutTheRole() {
        assertEquals(401, visitor(app).get("api/cloakroom/admin").statusCode());
        assertEquals(401, visitor(app).post("api/cloakroom/admin/clear-expired", "").statusCode());
        Browser alice = visitor(app);
        assertEquals(200, alice.form("api/auth/login", "username", "alice", "password", "wonderland").statusCode());
        assertEquals(403, alice.get("api/cloakroom/admin").statusCode());
        assertEquals(403, alice.delete("api/cloakroom/admin/users/bob/sessions").statusCode());
    }

    @Test
    void anAdminCountsInspectsDeletesEndsAUsersSessionsAndClearsExpiredOnes() {
        Browser admin = visitor(app);
        assertEquals(200, admin.form("api/auth/login", "username", ItMembers.ADMIN, "password", "operator").statusCode());
        HttpResponse<String> summary = admin.get("api/cloakroom/admin");
        assertEquals(200, summary.statusCode(), summary.body());
        assertTrue(summary.body().contains("\"engine\":\"db\"") && summary.body().contains("\"cloakroom.sessions.creations\""),
                summary.body());
        assertTrue(admin.get("api/cloakroom/admin/sessions/count").body().matches("\\{\"liveSessions\":\\d+}"));

        Browser visitor = visitor(app);
        visitor.put("api/session/put/colour", "teal");
        HttpResponse<String> inspected = admin.post("api/cloakroom/admin/sessions/inspect", visitor.cookie());
        assertEquals(200, inspected.statusCode(), inspected.body());
        assertTrue(inspected.body().contains("\"colour\":\"teal\""), inspected.body());
        assertEquals(403, admin.post("api/cloakroom/admin/sessions/delete", visitor.cookie(),
                "Origin", "http://evil.example").statusCode(), "a page elsewhere cannot act with the admin's cookie");
        assertEquals(200, admin.post("api/cloakroom/admin/sessions/inspect", visitor.cookie(), "Origin", "https://" + app.getHost())
                .statusCode(), "behind a proxy that ends TLS the origin's scheme and port differ; its host does not");
        assertEquals(204, admin.post("api/cloakroom/admin/sessions/delete", visitor.cookie()).statusCode());
        assertEquals("null", visitor.get("api/session/get/colour").body(), "the visitor's session is gone");
        assertEquals(404, admin.post("api/cloakroom/admin/sessions/inspect", "abcdefghijklmnopqrstuvwxyz012345").statusCode());

        Browser bob = visitor(app);
        assertEquals(200, bob.form("api/auth/login", "username", "bob", "password", "builder").statusCode());
        assertEquals(200, visitor(app).form("api/auth/login", "username", "bob", "password", "builder").statusCode());
        HttpResponse<String> ended = admin.delete("api/cloakroom/admin/users/bob/sessions");
        assertEquals("{\"deleted\":2}", ended.body());
        assertEquals("anonymous", bob.get("api/auth/whoami").body(), "bob is logged out");

        HttpResponse<String> cleared = admin.post("api/cloakroom/admin/clear-expired", "");
        assertTrue(cleared.body().matches("\\{\"removed\":\\d+}"), cleared.body());
        assertEquals("carol (member)", admin.get("api/auth/whoami").body(), "the admin is still logged in");
    }

    @Test
    void withoutAnAdminRoleTheResourceIsNotThere() {
        Browser visitor = visitor(plainApp);
        for (HttpResponse<String> r : List.of(visitor.get("api/cloakroom/admin"), visitor.get("api/cloakroom/admin/sessions/count"),
                visitor.post("api/cloakroom/admin/clear-expired", ""))) {
            assertEquals(404, r.statusCode(), r.body());
        }
    }
}
