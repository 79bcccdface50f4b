package org.cloakroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every engine deployed on the managed server (WildFly or Payara) and driven over real HTTP: one WAR per engine, chosen with
 * {@code session.engine} in the WAR's MicroProfile Config file.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EnginesHttpIT {

    static final String SECRET = "integration-test-secret-key-0123456789";

    static WebArchive war(String name, String config) {
        return TestWars.war(name, "session.clear.expired.enabled=false\n" + config, Comments.class);
    }

    /** The jar a class comes from, to bundle an in-process JCache provider as an application would. */
    static File jarOf(String className) {
        try {
            return new File(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * WildFly does not expose javax.cache to deployments: there the WAR brings the API and Caffeine's
     * provider. Payara ships JCache with Hazelcast as its provider, so there the WAR brings nothing
     * and the engines run on Hazelcast.
     */
    static WebArchive withCaffeine(WebArchive war) {
        if ("payara".equals(System.getProperty("arquillian.launch"))) {
            return war;
        }
        return war.addAsLibraries(jarOf("javax.cache.Caching"),
                jarOf("com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider"),
                jarOf("com.github.benmanes.caffeine.cache.Caffeine"), jarOf("com.typesafe.config.Config"));
    }

    @Deployment(name = "db", testable = false)
    static WebArchive db() {
        return war("engine-db", "session.engine=db\n").addClass(TransactionalEndpoints.class);
    }

    @Deployment(name = "cache", testable = false)
    static WebArchive cache() {
        return withCaffeine(war("engine-cache", "session.engine=cache\n"));
    }

    @Deployment(name = "cached_db", testable = false)
    static WebArchive cachedDb() {
        return withCaffeine(war("engine-cached-db", "session.engine=cached_db\n").addClass(TransactionalEndpoints.class));
    }

    /** The file engine's own directory, on this machine as the server is, so that a test can count its files. */
    static final Path FILE_SESSIONS = Path.of("target", "it-file-sessions-" + System.getProperty("arquillian.launch", "wildfly")).toAbsolutePath();

    @Deployment(name = "file", testable = false)
    static WebArchive file() throws IOException {
        Files.createDirectories(FILE_SESSIONS);
        return war("engine-file", "session.engine=file\nsession.file.path=" + FILE_SESSIONS + "\n");
    }

    @Deployment(name = "signed_cookies", testable = false)
    static WebArchive signedCookies() {
        return war("engine-signed", "session.engine=signed_cookies\nsecret.key=" + SECRET + "\n");
    }

    @ArquillianResource
    @OperateOnDeployment("db")
    URL dbApp;

    @ArquillianResource
    @OperateOnDeployment("cache")
    URL cacheApp;

    @ArquillianResource
    @OperateOnDeployment("cached_db")
    URL cachedDbApp;

    @ArquillianResource
    @OperateOnDeployment("file")
    URL fileApp;

    @ArquillianResource
    @OperateOnDeployment("signed_cookies")
    URL signedApp;

    /** The reference's flow on any engine: comment twice, cycle the key, fail, flush. */
    static void cookieFlow(URL app) {
        Browser b = new Browser(app);
        assertEquals("Thanks for your comment!", b.post("api/comments", "hi").body());
        assertEquals("You've already commented.", b.post("api/comments", "again").body());
        String before = b.cookie();
        assertNotNull(before);
        b.post("api/session/cycle-key", "");
        assertNotEquals(before, b.cookie());
        assertEquals("You've already commented.", b.post("api/comments", "after login").body());
        HttpResponse<String> failed = b.post("api/session/fail", "");
        assertEquals(500, failed.statusCode());
        assertTrue(Browser.sessionCookieHeader(failed).isEmpty());
        assertEquals("null", b.get("api/session/get/failed").body());
        b.put("api/session/cart", "apple");
        b.post("api/session/cart", "pear");
        assertEquals("[apple, pear]", b.get("api/session/cart").body());
        HttpResponse<String> flushed = b.post("api/session/flush", "");
        assertTrue(Browser.sessionCookieHeader(flushed).orElseThrow().startsWith("sessionid=; Max-Age=0"));
        assertNull(b.cookie());
        assertEquals("Thanks for your comment!", b.post("api/comments", "new visitor").body());
    }

    @Test
    void theCacheEngineKeepsSessionsInTheCacheAndWritesNoRow() {
        Browser probe = new Browser(cacheApp);
        String rows = probe.get("api/probe/rows").body();
        cookieFlow(cacheApp);
        assertEquals(rows, probe.get("api/probe/rows").body());
    }

    @Test
    void theCachedDbEngineWritesThroughToTheDatabase() {
        Browser probe = new Browser(cachedDbApp);
        cookieFlow(cachedDbApp);
        Browser b = new Browser(cachedDbApp);
        b.put("api/session/put/a", "1");
        assertEquals("true", probe.get("api/probe/exists/" + b.cookie()).body());
        long before = Long.parseLong(probe.get("api/probe/statements").body());
        assertEquals("1", b.get("api/session/get/a").body());
        assertEquals(before, Long.parseLong(probe.get("api/probe/statements").body()), "a cache hit runs no SQL");
    }

    @Test
    void theFileEngineKeepsSessionsAcrossRequests() {
        cookieFlow(fileApp);
    }

    @Test
    void theSignedCookiesEngineKeepsSessionsInTheCookieAndWritesNoRow() {
        Browser probe = new Browser(signedApp);
        String rows = probe.get("api/probe/rows").body();
        cookieFlow(signedApp);
        assertEquals(rows, probe.get("api/probe/rows").body());
        Browser b = new Browser(signedApp);
        b.put("api/session/put/fav_color", "blue");
        assertTrue(b.cookie().length() > 40, "the cookie carries the signed data");
        String tampered = b.cookie().substring(0, 5) + (b.cookie().charAt(5) == 'A' ? 'B' : 'A') + b.cookie().substring(6);
        b.setCookie(tampered);
        HttpResponse<String> r = b.get("api/session/get/fav_color");
        assertEquals(200, r.statusCode());
        assertEquals("null", r.body());
    }

    /** A value put and the key cycled inside a {@code @Transactional} method, then a flush there too. */
    static void writesOutsideTheApplicationsJtaTransaction(URL app) {
        Browser b = new Browser(app);
        b.put("api/session/put/a", "1");
        String before = b.cookie();
        HttpResponse<String> cycled = b.post("api/in-transaction/cycle-key/b", "2");
        assertEquals(200, cycled.statusCode(), cycled.body());
        assertNotEquals(before, b.cookie());
        assertEquals("1", b.get("api/session/get/a").body());
        assertEquals("2", b.get("api/session/get/b").body());
        String kept = b.cookie();
        HttpResponse<String> flushed = b.post("api/in-transaction/flush", "");
        assertEquals(200, flushed.statusCode(), flushed.body());
        assertNull(b.cookie());
        b.setCookie(kept);
        assertEquals("null", b.get("api/session/get/a").body(), "the flushed session's row is gone");
    }

    @Test
    void theDbEngineWritesOutsideTheApplicationsJtaTransaction() {
        writesOutsideTheApplicationsJtaTransaction(dbApp);
    }

    @Test
    void theCachedDbEngineWritesOutsideTheApplicationsJtaTransaction() {
        writesOutsideTheApplicationsJtaTransaction(cachedDbApp);
    }

    @Test
    void theDbEngineKeepsEveryOneOfTwentyParallelWrites() throws Exception {
        ParallelWrites.keptOn(dbApp);
    }

    @Test
    void theCacheEngineKeepsEveryOneOfTwentyParallelWrites() throws Exception {
        ParallelWrites.keptOn(cacheApp);
    }

    @Test
    void theCachedDbEngineKeepsEveryOneOfTwentyParallelWrites() throws Exception {
        ParallelWrites.keptOn(cachedDbApp);
    }

    @Test
    void theFileEngineKeepsEveryOneOfTwentyParallelWrites() throws Exception {
        ParallelWrites.keptOn(fileApp);
    }

    @Test
    void theDbEngineSurvivesHostileCookies() throws Exception {
        HostileCookies.survivedBy(dbApp, true, null);
    }

    @Test
    void theCacheEngineSurvivesHostileCookies() throws Exception {
        HostileCookies.survivedBy(cacheApp, false, null);
    }

    @Test
    void theCachedDbEngineSurvivesHostileCookies() throws Exception {
        HostileCookies.survivedBy(cachedDbApp, true, null);
    }

    @Test
    void theFileEngineSurvivesHostileCookies() throws Exception {
        HostileCookies.survivedBy(fileApp, false, FILE_SESSIONS);
    }

    @Test
    void theSignedCookiesEngineSurvivesHostileCookies() throws Exception {
        HostileCookies.survivedBy(signedApp, false, null);
    }
}
