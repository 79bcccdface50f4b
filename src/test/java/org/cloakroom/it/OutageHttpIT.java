package org.cloakroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import org.cloakroom.testing.InMemoryEngine;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * While the session store is down, over real HTTP: a request that needs its session gets 503 with
 * {@code Retry-After} and a short message at once, one that does not is served, the outage is
 * logged once when it starts and once when it ends, and afterwards every session is still there.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OutageHttpIT {

    @Deployment(name = "outage", testable = false)
    static WebArchive app() {
        return EnginesHttpIT.war("outage", "session.engine=" + FlakyEngine.class.getName() + "\n")
                .addClasses(InMemoryEngine.class, FlakyEngine.class, OutageSwitch.class);
    }

    /** The same, with logins remembered in the session: authentication reads the session before any filter. */
    @Deployment(name = "outage-login", testable = false)
    static WebArchive withLogin() {
        return LoginHttpIT.withLogin(EnginesHttpIT.war("outage-login", "session.engine=" + FlakyEngine.class.getName() + "\n"
                        + LoginHttpIT.SECRET).addClasses(InMemoryEngine.class, FlakyEngine.class, OutageSwitch.class));
    }

    @ArquillianResource
    @OperateOnDeployment("outage")
    URL app;

    @ArquillianResource
    @OperateOnDeployment("outage-login")
    URL loginApp;

    private static void assertUnavailable(HttpResponse<String> r) {
        assertEquals(503, r.statusCode(), r.body());
        assertEquals("5", r.headers().firstValue("Retry-After").orElse(null));
        assertTrue(r.body().startsWith("Service unavailable: the session store cannot be reached"), r.body());
    }

    @Test
    void duringAnOutageSessionRequestsGet503AtOnceOthersAreServedAndNothingIsLost() {
        Browser visitor = new Browser(app);
        visitor.put("api/session/put/a", "1");
        String cookie = visitor.cookie();
        Browser admin = new Browser(app);
        admin.post("api/outage/start", "");
        try {
            for (int i = 0; i < 10; i++) {
                long start = System.nanoTime();
                assertUnavailable(visitor.get("api/session/get/a"));
                assertTrue(System.nanoTime() - start < 5_000_000_000L, "answered without waiting");
            }
            assertUnavailable(visitor.put("api/session/put/b", "2"));
            assertUnavailable(new Browser(app).put("api/session/put/c", "3"));
            assertEquals("nothing", visitor.get("api/session/untouched").body(), "a request without the session is served");
            assertEquals(cookie, visitor.cookie(), "the cookie is neither replaced nor deleted");
        } finally {
            admin.post("api/outage/end", "");
        }
        assertEquals("1", visitor.get("api/session/get/a").body(), "the session from before the outage is there");
        assertEquals("null", visitor.get("api/session/get/b").body(), "a change refused with 503 was not half-saved");
        assertEquals("1,1", admin.get("api/outage/log").body(), "one ERROR when it started, one INFO when it ended");
    }

    @Test
    void duringAnOutageALoggedInVisitorGetsPagesThatNeedNoLoginAnd503OnProtectedOnes() {
        Browser member = new Browser(loginApp);
        assertEquals(200, member.form("api/auth/login", "username", "alice", "password", "wonderland").statusCode());
        assertEquals("welcome alice", member.get("api/auth/members-only").body());
        Browser admin = new Browser(loginApp);
        admin.post("api/outage/start", "");
        try {
            assertEquals(200, member.get("static.html").statusCode(), "a static page needs no session");
            assertEquals("nothing", member.get("api/session/untouched").body());
            HttpResponse<String> guarded = member.get("api/auth/members-only");
            assertEquals(503, guarded.statusCode(), guarded.body());
        } finally {
            admin.post("api/outage/end", "");
        }
        assertEquals("welcome alice", member.get("api/auth/members-only").body(), "still logged in afterwards");
    }

    @Test
    void duringAnOutageTheReadinessCheckIsDownAndLivenessUpAndReadinessReturnsWithTheStore() {
        Browser admin = new Browser(app);
        String ready = OperationsHttpIT.serverUrl(app, "/health/ready");
        assertEquals(200, OperationsHttpIT.fetch(ready).statusCode());
        admin.post("api/outage/start", "");
        try {
            HttpResponse<String> down = OperationsHttpIT.fetch(ready);
            assertEquals(503, down.statusCode(), down.body());
            assertTrue(down.body().matches("(?s).*\"name\"\\s*:\\s*\"cloakroom-sessions\"\\s*,\\s*\"status\"\\s*:\\s*\"DOWN\".*"),
                    down.body());
            assertTrue(down.body().contains("SQLTransientConnectionException"), down.body());
            assertFalse(down.body().contains("127.0.0.1:5432"), "an unauthenticated endpoint names no host: " + down.body());
            assertEquals(200, OperationsHttpIT.fetch(OperationsHttpIT.serverUrl(app, "/health/live")).statusCode(),
                    "a server whose store is down is not dead");
        } finally {
            admin.post("api/outage/end", "");
        }
        HttpResponse<String> up = OperationsHttpIT.fetch(ready);
        assertEquals(200, up.statusCode(), up.body());
    }
}
