package org.cloakroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The foundation over real HTTP on a managed WildFly or Payara: a WAR that only adds the Cloakroom jar
 * to WEB-INF/lib and {@code @Inject}s {@code Session} into JAX-RS resources, with the server's default
 * datasource (H2 on both) and no configuration (but the cleanup timer off, so that SQL counts are exact).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionHttpIT {

    @Deployment(testable = false)
    static WebArchive app() {
        // The timer would add its own statements to the counts measured here; CleanupTimerIT tests it.
        return TestWars.war("sessions", "session.clear.expired.enabled=false\n", Comments.class);
    }

    @ArquillianResource
    URL base;

    private Browser browser() {
        return new Browser(base);
    }

    private long statements(Browser probe) {
        return Long.parseLong(probe.get("api/probe/statements").body());
    }

    @Test
    void theReferenceCommentExampleWorks() {
        Browser b = browser();
        assertEquals("Thanks for your comment!", b.post("api/comments", "hello").body());
        assertNotNull(b.cookie());
        assertEquals("You've already commented.", b.post("api/comments", "again").body());
        assertEquals("Thanks for your comment!", browser().post("api/comments", "someone else").body());
    }

    @Test
    void theCookieCarriesOnlyARandomKeyWithDjangosAttributes() {
        Browser b = browser();
        HttpResponse<String> r = b.put("api/session/put/fav_color", "blue");
        String header = Browser.sessionCookieHeader(r).orElseThrow();
        assertTrue(header.matches("sessionid=[a-z0-9]{32}; Max-Age=1209600; Expires=[^;]+ GMT; Path=/; HttpOnly; SameSite=Lax"),
                header);
        assertFalse(header.contains("blue"));
        assertTrue(Browser.vary(r).contains("Cookie"));
        assertEquals("blue", b.get("api/session/get/fav_color").body());
    }

    @Test
    void aRequestThatNeverTouchesTheSessionRunsNoSqlAndSendsNoCookie() {
        Browser b = browser();
        b.put("api/session/put/a", "1");
        Browser probe = browser();
        long before = statements(probe);
        HttpResponse<String> r = b.get("api/session/untouched");
        assertEquals(before, statements(probe));
        assertTrue(Browser.sessionCookieHeader(r).isEmpty());
        assertFalse(Browser.vary(r).contains("Cookie"));
    }

    @Test
    void eachKindOfRequestRunsTheExpectedNumberOfStatements() {
        Browser probe = browser();
        Browser b = browser();
        long s0 = statements(probe);
        b.get("api/session/get/a");
        assertEquals(s0, statements(probe), "no cookie, only reads: nothing");
        b.put("api/session/put/a", "1");
        long s1 = statements(probe);
        assertEquals(s0 + 1, s1, "create: one INSERT");
        HttpResponse<String> read = b.get("api/session/get/a");
        long s2 = statements(probe);
        assertEquals(s1 + 1, s2, "read: one SELECT");
        assertTrue(Browser.sessionCookieHeader(read).isEmpty());
        assertTrue(Browser.vary(read).contains("Cookie"));
        b.put("api/session/put/b", "2");
        long s3 = statements(probe);
        assertEquals(s2 + 2, s3, "modify: one SELECT and one UPDATE");
        b.post("api/session/cycle-key", "");
        assertEquals(s3 + 3, statements(probe), "cycleKey: the SELECT, one INSERT and one DELETE");
    }

    @Test
    void loggingInWithCycleKeyDefeatsFixation() {
        Browser b = browser();
        b.put("api/session/put/cart", "apple");
        String before = b.cookie();
        String after = b.post("api/session/cycle-key", "").body();
        assertEquals(after, b.cookie());
        assertNotEquals(before, after);
        assertEquals("apple", b.get("api/session/get/cart").body());
        assertEquals("false", browser().get("api/probe/exists/" + before).body());
    }

    @Test
    void aForgedKeyIsNeverAdopted() {
        Browser b = browser();
        String forged = "a".repeat(32);
        b.setCookie(forged);
        b.put("api/session/put/x", "1");
        assertNotEquals(forged, b.cookie());
        assertEquals("1", b.get("api/session/get/x").body());
        assertEquals("false", browser().get("api/probe/exists/" + forged).body());
    }

    @Test
    void garbageAndOversizedCookiesAreNoSessionNeverAnError() {
        for (String bad : new String[] {"garbage", "x".repeat(3000), "%00%ff", "../../etc/passwd"}) {
            Browser b = browser();
            b.setCookie(bad);
            HttpResponse<String> r = b.get("api/session/get/a");
            assertEquals(200, r.statusCode(), bad);
            assertEquals("null", r.body());
            assertTrue(Browser.sessionCookieHeader(r).orElseThrow().startsWith("sessionid=; Max-Age=0"), bad);
        }
    }

    @Test
    void flushDeletesTheRowAndTheCookie() {
        Browser b = browser();
        b.put("api/session/put/user", "7");
        String key = b.cookie();
        HttpResponse<String> r = b.post("api/session/flush", "");
        assertTrue(Browser.sessionCookieHeader(r).orElseThrow().startsWith("sessionid=; Max-Age=0; Expires=Thu, 01 Jan 1970"));
        assertTrue(Browser.vary(r).contains("Cookie"));
        assertNull(b.cookie());
        assertEquals("false", browser().get("api/probe/exists/" + key).body());
    }

    @Test
    void aFailedRequestSavesNothing() {
        Browser b = browser();
        HttpResponse<String> r = b.post("api/session/fail", "");
        assertEquals(500, r.statusCode());
        assertTrue(Browser.sessionCookieHeader(r).isEmpty());
        b.put("api/session/put/a", "1");
        b.post("api/session/fail", "");
        assertEquals("null", b.get("api/session/get/failed").body());
    }

    @Test
    void aSessionDeletedByAConcurrentRequestAnswers400() {
        Browser b = browser();
        b.put("api/session/put/a", "1");
        HttpResponse<String> r = b.post("api/session/interrupted", "");
        assertEquals(400, r.statusCode());
        assertFalse(r.body().contains("too late"));
    }

    @Test
    void aLargeStreamedResponseStillCarriesTheCookie() throws IOException {
        Browser b = browser();
        HttpResponse<InputStream> r = b.stream("api/session/big");
        long size;
        try (InputStream body = r.body()) {
            size = body.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertEquals(4L * 1024 * 1024, size);
        assertTrue(Browser.sessionCookieHeader(r).isPresent());
        assertEquals("yes", b.get("api/session/get/big").body());
    }

    @Test
    void aChangeInsideAStoredListIsNotLost() {
        Browser b = browser();
        b.put("api/session/cart", "apple");
        b.post("api/session/cart", "pear");
        assertEquals("[apple, pear]", b.get("api/session/cart").body());
    }

    @Test
    void aBrowserLengthSessionCookieHasNoExpiry() {
        Browser b = browser();
        HttpResponse<String> r = b.put("api/session/expiry/0", "");
        String header = Browser.sessionCookieHeader(r).orElseThrow();
        assertFalse(header.contains("Max-Age") || header.contains("Expires"), header);
    }

    @Test
    void sessionKeysInTheUrlAreIgnored() {
        Browser owner = browser();
        owner.put("api/session/put/secret", "42");
        String key = owner.cookie();
        Browser thief = browser();
        assertEquals("null", thief.get("api/session/get/secret;sessionid=" + key).body());
        assertEquals("null", thief.get("api/session/get/secret?sessionid=" + key).body());
        assertNull(thief.cookie());
    }
}
