package org.cloakroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lifetime settings over real HTTP, with lifetimes of seconds (the save time is kept to the
 * second, hence a 2-second interval): a visitor who only reads keeps a 4-second session for as
 * long as they keep reading ({@code SESSION_REFRESH_ON_READ}), and a
 * session ends 3 seconds after its creation however busy it is ({@code SESSION_ABSOLUTE_AGE}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LifetimeHttpIT {

    private static final Pattern MAX_AGE = Pattern.compile("Max-Age=(\\d+)");

    @Deployment(name = "refresh", testable = false)
    static WebArchive refresh() {
        return EnginesHttpIT.war("lifetime-refresh",
                "session.cookie.age=4\nsession.refresh.on.read=true\nsession.refresh.interval=2\n");
    }

    @Deployment(name = "absolute", testable = false)
    static WebArchive absolute() {
        return EnginesHttpIT.war("lifetime-absolute", "session.absolute.age=3\n");
    }

    @ArquillianResource
    @OperateOnDeployment("refresh")
    URL refreshApp;

    @ArquillianResource
    @OperateOnDeployment("absolute")
    URL absoluteApp;

    private static long maxAge(HttpResponse<String> response) {
        String cookie = Browser.sessionCookieHeader(response).orElseThrow(() -> new AssertionError("no Set-Cookie"));
        Matcher m = MAX_AGE.matcher(cookie);
        assertTrue(m.find(), cookie);
        return Long.parseLong(m.group(1));
    }

    @Test
    void aVisitorWhoKeepsReadingKeepsASessionPastItsCookieAgeAndEachRefreshResendsTheCookie() throws Exception {
        Browser b = new Browser(refreshApp);
        assertEquals(4, maxAge(b.put("api/session/put/a", "1")));
        HttpResponse<String> tooSoon = b.get("api/session/get/a");
        assertEquals("1", tooSoon.body());
        assertTrue(Browser.sessionCookieHeader(tooSoon).isEmpty(), "within the interval a read writes nothing");
        for (int i = 0; i < 4; i++) {
            Thread.sleep(2_200);
            HttpResponse<String> read = b.get("api/session/get/a");
            assertEquals("1", read.body(), "read " + i + ", " + (i + 1) * 2.2 + " s after the only change");
            assertEquals(4, maxAge(read));
        }
    }

    @Test
    void aSessionEndsAtItsAbsoluteAgeHoweverBusyAndItsCookieNeverOutlivesIt() throws Exception {
        Browser b = new Browser(absoluteApp);
        assertTrue(maxAge(b.put("api/session/put/a", "1")) <= 3);
        Thread.sleep(1_000);
        // Created to the second: between 1 and 2 seconds are left.
        assertTrue(maxAge(b.put("api/session/put/b", "2")) <= 2, "a save does not extend it");
        Thread.sleep(2_100);
        HttpResponse<String> ended = b.get("api/session/get/a");
        assertEquals("null", ended.body());
        assertTrue(Browser.sessionCookieHeader(ended).orElseThrow().startsWith("sessionid=; Max-Age=0"));
    }
}
