package org.cloakroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Logging in with Jakarta Security, remembered in the Cloakroom session ({@code @RememberInSession}),
 * over real HTTP: an application's own mechanism and identity store, driven by a login endpoint.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LoginHttpIT {

    /**
     * The login classes, the role "member" declared and required by {@code api/auth/members-only}
     * (and "session-admin", which the admin resource asks for where a test switches it on),
     * and a static page. Payara maps a role to the group of the same name only where the
     * application says so (glassfish-web.xml), WildFly by default.
     */
    static WebArchive withLogin(WebArchive war) {
        return war.addClasses(ItMembers.class, ItLoginMechanism.class, LoginEndpoints.class)
                .addAsWebInfResource(new StringAsset("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
                        + "<security-constraint><web-resource-collection><web-resource-name>members</web-resource-name>"
                        + "<url-pattern>/api/auth/members-only</url-pattern></web-resource-collection>"
                        + "<auth-constraint><role-name>member</role-name></auth-constraint></security-constraint>"
                        + "<security-role><role-name>member</role-name></security-role>"
                        + "<security-role><role-name>session-admin</role-name></security-role></web-app>"), "web.xml")
                .addAsWebResource(new StringAsset("<!DOCTYPE html><title>static</title>"), "static.html")
                .addAsWebInfResource(new StringAsset("<glassfish-web-app><security-role-mapping><role-name>member</role-name>"
                        + "<group-name>member</group-name></security-role-mapping><security-role-mapping>"
                        + "<role-name>session-admin</role-name><group-name>session-admin</group-name></security-role-mapping>"
                        + "</glassfish-web-app>"), "glassfish-web.xml");
    }

    /** A CallerFingerprint needs SECRET_KEY: the deployment fails without it. */
    static final String SECRET = "secret.key=" + EnginesHttpIT.SECRET + "\n";

    @Deployment(name = "login-db", testable = false)
    static WebArchive db() {
        return withLogin(EnginesHttpIT.war("login-db", "session.engine=db\n" + SECRET));
    }

    @Deployment(name = "login-cached-db", testable = false)
    static WebArchive cachedDb() {
        return withLogin(EnginesHttpIT.withCaffeine(EnginesHttpIT.war("login-cached-db", "session.engine=cached_db\n" + SECRET)));
    }

    @Deployment(name = "login-signed", testable = false)
    static WebArchive signed() {
        return withLogin(EnginesHttpIT.war("login-signed", "session.engine=signed_cookies\nsecret.key=" + EnginesHttpIT.SECRET + "\n"));
    }

    @ArquillianResource
    @OperateOnDeployment("login-db")
    URL dbApp;

    @ArquillianResource
    @OperateOnDeployment("login-cached-db")
    URL cachedDbApp;

    @ArquillianResource
    @OperateOnDeployment("login-signed")
    URL signedApp;

    /** A member of their own, so that tests changing passwords do not meet. */
    private static String newMember(Browser admin) {
        String name = "member-" + UUID.randomUUID();
        admin.form("api/auth/password", "username", name, "password", "secret-1");
        return name;
    }

    private static Browser loggedIn(URL app, String name, String password) {
        Browser b = new Browser(app);
        HttpResponse<String> r = b.form("api/auth/login", "username", name, "password", password);
        assertEquals(200, r.statusCode(), r.body());
        return b;
    }

    private static long statements(Browser probe) {
        return Long.parseLong(probe.get("api/probe/statements").body());
    }

    @Test
    void aLoginCyclesTheKeyAndLaterRequestsAreThatCallerWithoutAskingTheIdentityStoreAgainInOneSelect() {
        Browser b = new Browser(dbApp);
        b.put("api/session/put/cart", "apple");
        String planted = b.cookie();
        assertNotNull(planted);
        assertEquals(200, b.form("api/auth/login", "username", "alice", "password", "wonderland").statusCode());
        assertNotEquals(planted, b.cookie(), "the key changes at login");
        Browser probe = new Browser(dbApp);
        assertEquals("false", probe.get("api/probe/exists/" + planted).body(), "the planted key's row is gone");
        String validations = b.get("api/auth/validations").body();
        long before = statements(probe);
        assertEquals("alice (member)", b.get("api/auth/whoami").body());
        assertEquals(1, statements(probe) - before, "an authenticated read request is one SELECT");
        assertEquals("alice (member)", b.get("api/auth/whoami").body());
        assertEquals(validations, b.get("api/auth/validations").body(), "the identity store is not asked again");
        assertEquals("apple", b.get("api/session/get/cart").body(), "the visitor's data survives the login");
        String events = b.get("api/auth/events").body();
        assertTrue(events.contains("logged in alice ") && events.contains("cycled "), events);
    }

    @Test
    void aWrongPasswordAnswers401AndWritesNoSession() {
        Browser probe = new Browser(dbApp);
        String rows = probe.get("api/probe/rows").body();
        Browser b = new Browser(dbApp);
        HttpResponse<String> r = b.form("api/auth/login", "username", "alice", "password", "guess");
        assertEquals(401, r.statusCode());
        assertTrue(Browser.sessionCookieHeader(r).isEmpty());
        assertEquals(rows, probe.get("api/probe/rows").body());
        assertEquals("anonymous", b.get("api/auth/whoami").body());
    }

    @Test
    void aLogoutDeletesTheCookieAndTheRowAndTheOldCookieIsAnonymous() {
        Browser b = loggedIn(dbApp, "bob", "builder");
        String key = b.cookie();
        HttpResponse<String> out = b.post("api/auth/logout", "");
        assertEquals(204, out.statusCode());
        assertTrue(Browser.sessionCookieHeader(out).orElseThrow().startsWith("sessionid=; Max-Age=0"));
        assertEquals("false", new Browser(dbApp).get("api/probe/exists/" + key).body());
        b.setCookie(key);
        assertEquals("anonymous", b.get("api/auth/whoami").body());
        assertTrue(b.get("api/auth/events").body().contains("logged out bob "));
    }

    @Test
    void aChangedPasswordLogsOutEverySessionOfThatCaller() {
        Browser admin = new Browser(dbApp);
        String name = newMember(admin);
        Browser laptop = loggedIn(dbApp, name, "secret-1");
        Browser phone = loggedIn(dbApp, name, "secret-1");
        assertEquals(name + " (member)", phone.get("api/auth/whoami").body());
        admin.form("api/auth/password", "username", name, "password", "secret-2");
        assertEquals("anonymous", laptop.get("api/auth/whoami").body());
        assertEquals("anonymous", phone.get("api/auth/whoami").body());
        assertEquals(name + " (member)", loggedIn(dbApp, name, "secret-2").get("api/auth/whoami").body());
    }

    static void listsAndLogsOutEverywhereElse(URL app) {
        String name = newMember(new Browser(app));
        Browser laptop = loggedIn(app, name, "secret-1");
        Browser phone = loggedIn(app, name, "secret-1");
        Browser tablet = loggedIn(app, name, "secret-1");
        String[] listed = laptop.get("api/auth/sessions").body().split(",");
        assertEquals(3, listed.length);
        assertEquals(1, java.util.Arrays.stream(listed).filter(s -> s.startsWith("*")).count(), "one is the current one");
        assertTrue(java.util.Arrays.stream(listed).noneMatch(s -> s.contains(laptop.cookie())), "ids are not keys");
        assertEquals("2", laptop.post("api/auth/sessions/logout-others", "").body());
        assertEquals("anonymous", phone.get("api/auth/whoami").body());
        assertEquals("anonymous", tablet.get("api/auth/whoami").body());
        assertEquals(name + " (member)", laptop.get("api/auth/whoami").body());
        assertEquals(1, laptop.get("api/auth/sessions").body().split(",").length);
        assertEquals(401, new Browser(app).get("api/auth/sessions").statusCode());
    }

    @Test
    void theDbEngineListsACallersSessionsAndLogsOutEverywhereElse() {
        listsAndLogsOutEverywhereElse(dbApp);
    }

    @Test
    void theCachedDbEngineLogsOutEverywhereElseThoughTheSessionsWereCached() {
        listsAndLogsOutEverywhereElse(cachedDbApp);
    }

    @Test
    void withSignedCookiesTheLoginTravelsInTheCookieAndALogoutDeletesIt() {
        Browser b = loggedIn(signedApp, "alice", "wonderland");
        assertEquals("alice (member)", b.get("api/auth/whoami").body());
        String cookie = b.cookie();
        b.setCookie(cookie.substring(0, 10) + (cookie.charAt(10) == 'A' ? 'B' : 'A') + cookie.substring(11));
        assertEquals("anonymous", b.get("api/auth/whoami").body(), "a tampered cookie claims no one");
        b.setCookie(cookie);
        HttpResponse<String> out = b.post("api/auth/logout", "");
        assertTrue(Browser.sessionCookieHeader(out).orElseThrow().startsWith("sessionid=; Max-Age=0"));
        assertEquals("anonymous", b.get("api/auth/whoami").body());
    }
}
