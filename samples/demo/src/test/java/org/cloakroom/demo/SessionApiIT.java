package org.cloakroom.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cloakroom.demo.Visitor.Reply;
import org.cloakroom.spi.SessionKeys;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.wildfly.plugin.tools.Deployment;
import org.wildfly.plugin.tools.DeploymentManager;
import org.wildfly.plugin.tools.DeploymentResult;
import org.wildfly.plugin.tools.UndeployDescription;

/**
 * Every call of the demo's JSON API over HTTP, once per session engine: the demo's own WAR is
 * deployed once per engine as {@code demo-<engine>.war}, with the engine chosen in its
 * {@code META-INF/microprofile-config.properties}. Arquillian runs the managed WildFly; the
 * deployments go through its management port, one per engine in {@link #ENGINES}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionApiIT {

    /**
     * The engines the demo is tested on: the library's built-in engines. An engine the installed
     * library does not have fails its deployment, naming SESSION_ENGINE.
     */
    static final List<String> ENGINES = List.of("db", "cache", "cached_db", "file", "signed_cookies");

    private static final String SECRET_KEY = "demo-integration-tests-secret-key-not-for-production";
    private static final long TWO_WEEKS = 1_209_600;

    /** Deployments made so far, by engine, removed after the class. */
    private static final Map<String, URI> DEPLOYED = new LinkedHashMap<>();
    private static ModelControllerClient management;

    private static Visitor visitor(String engine) {
        return new Visitor(deployment(engine));
    }

    /** The demo for {@code engine}, deployed on first use through the server's management port. */
    private static URI deployment(String engine) {
        return DEPLOYED.computeIfAbsent(engine, e -> {
            WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("demo.war")))
                    .addAsResource(new StringAsset(config(e)), "META-INF/microprofile-config.properties");
            try (InputStream content = war.as(ZipExporter.class).exportAsInputStream()) {
                if (management == null) {
                    management = ModelControllerClient.Factory.create("127.0.0.1", Integer.getInteger("wildfly.management.port", 9990));
                }
                DeploymentResult result = DeploymentManager.create(management).deploy(Deployment.of(content, warName(e)));
                if (!result.successful()) {
                    fail("The demo does not deploy with engine " + e + ": " + result.getFailureMessage());
                }
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
            int port = 8080 + Integer.getInteger("wildfly.port.offset", 0);
            return URI.create("http://127.0.0.1:" + port + "/demo-" + e + "/");
        });
    }

    private static String warName(String engine) {
        return "demo-" + engine + ".war";
    }

    private static String config(String engine) {
        // Replaces the demo's own file: the secret key goes too (the sign-in's CallerFingerprint needs one).
        return "session.engine=" + engine + "\nsecret.key=" + SECRET_KEY + "\nsession.admin.role=session-admin\n";
    }

    @AfterAll
    static void undeploy() throws IOException {
        if (management == null) {
            return;
        }
        try (ModelControllerClient client = management) {
            for (String engine : DEPLOYED.keySet()) {
                DeploymentManager.create(client).undeploy(UndeployDescription.of(warName(engine)));
            }
        } finally {
            DEPLOYED.clear();
            management = null;
        }
    }

    /** The signed_cookies engine keeps the data in the cookie itself, so an old cookie still carries it. */
    private static boolean storesServerSide(String engine) {
        return !engine.equals("signed_cookies");
    }

    private static JsonValue json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    private static JsonObject data(Visitor visitor) {
        return visitor.get("api/session").json().getJsonObject("data");
    }

    // ---- GET /api/session -----------------------------------------------------------------------

    @ParameterizedTest
    @FieldSource("ENGINES")
    void aNewVisitorSeesAnEmptySessionAndGetsNoCookie(String engine) {
        Visitor v = visitor(engine);
        Reply r = v.get("api/session");
        assertEquals(200, r.status());
        assertEquals(json("{\"id\": null, \"expiryAge\": 1209600, \"expireAtBrowserClose\": false, \"data\": {}, \"user\": null}"), r.json());
        assertTrue(r.setCookie().isEmpty(), r.setCookie().toString());
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void readingAStoredSessionShowsItsStorageIdAndDataAndSetsNoCookie(String engine) {
        Visitor v = visitor(engine);
        v.put("api/session/data/fav_color", "\"blue\"");
        assertNotNull(v.cookie());
        Reply r = v.get("api/session");
        assertEquals(200, r.status());
        assertEquals(SessionKeys.storageId(v.cookie()), r.json().getString("id"));
        assertFalse(r.body().contains(v.cookie()), "the key stays in the HttpOnly cookie: " + r.body());
        assertEquals(TWO_WEEKS, r.json().getJsonNumber("expiryAge").longValue());
        assertFalse(r.json().getBoolean("expireAtBrowserClose"));
        assertEquals(json("{\"fav_color\": \"blue\"}"), r.json().getJsonObject("data"));
        assertTrue(r.setCookie().isEmpty(), r.setCookie().toString());
    }

    // ---- PUT and DELETE /api/session/data/{name} ------------------------------------------------

    /**
     * The page's own pattern: 20 PUTs of distinct names fired at once on one session. Every
     * server-side engine keeps all 20; with signed_cookies the browser keeps the last cookie only.
     */
    @ParameterizedTest
    @FieldSource("ENGINES")
    void twentyParallelPutsOnOneSessionAreAllKept(String engine) throws Exception {
        Visitor v = visitor(engine);
        v.put("api/session/data/seed", "0");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Reply>> replies = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < 20; i++) {
                Visitor tab = new Visitor(deployment(engine));
                tab.useCookie(v.cookie());
                String name = "k" + i;
                replies.add(pool.submit(() -> {
                    start.await();
                    return tab.put("api/session/data/" + name, "1");
                }));
            }
            start.countDown();
            for (Future<Reply> reply : replies) {
                assertEquals(204, reply.get().status(), reply.get().body());
            }
        } finally {
            pool.shutdownNow();
        }
        if (storesServerSide(engine)) {
            assertEquals(21, data(v).size(), data(v).keySet().toString());
        }
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void anyJsonValueIsStoredAndComesBackAsTheSameJson(String engine) {
        Visitor v = visitor(engine);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("text", "\"caf\u00e9 \\\"quoted\\\"\"");
        values.put("whole", "42");
        values.put("negative", "-7");
        values.put("huge", "123456789012345678901234567890");
        values.put("decimal", "2.50");
        values.put("yes", "true");
        values.put("no", "false");
        values.put("nothing", "null");
        values.put("list", "[1, \"two\", [3.5, null], {\"four\": false}]");
        values.put("object", "{\"cart\": [\"apple\", \"pear\"], \"total\": 3, \"nested\": {\"deep\": [true]}}");
        for (Map.Entry<String, String> value : values.entrySet()) {
            Reply r = v.put("api/session/data/" + value.getKey(), value.getValue());
            assertEquals(204, r.status(), value.getKey() + ": " + r.body());
        }
        JsonObject data = data(v);
        for (Map.Entry<String, String> value : values.entrySet()) {
            assertEquals(json(value.getValue()), data.get(value.getKey()), value.getKey());
        }
        assertEquals(values.keySet(), data.keySet());
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void puttingAgainReplacesTheValue(String engine) {
        Visitor v = visitor(engine);
        v.put("api/session/data/count", "1");
        assertEquals(204, v.put("api/session/data/count", "[2]").status());
        assertEquals(json("{\"count\": [2]}"), data(v));
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void namesStartingWithAnUnderscoreAreReserved(String engine) {
        Visitor v = visitor(engine);
        Reply put = v.put("api/session/data/_session_expiry", "5");
        assertEquals(400, put.status());
        assertTrue(put.error().contains("reserved"), put.body());
        assertTrue(put.setCookie().isEmpty());
        v.put("api/session/expiry", "{\"seconds\": 300}");
        Reply delete = v.delete("api/session/data/_session_expiry");
        assertEquals(400, delete.status());
        assertEquals(300, data(v).getInt("_session_expiry"));
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void badJsonIsA400WithAMessageNeverA500(String engine) {
        Visitor v = visitor(engine);
        for (String bad : new String[] {"", "  ", "{", "[1, 2", "{'a': 1}", "nul", "1 2", "{\"a\": 1} x", "\"unterminated"}) {
            Reply r = v.put("api/session/data/item", bad);
            assertEquals(400, r.status(), "'" + bad + "': " + r.body());
            assertFalse(r.error().isBlank());
        }
        assertNull(v.cookie(), "nothing was stored");
        assertEquals(json("{}"), data(v));
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void jsonDeeperThanTheSessionStoresIsA400(String engine) {
        Visitor v = visitor(engine);
        Reply r = v.put("api/session/data/deep", "[".repeat(100) + "]".repeat(100));
        assertEquals(400, r.status(), r.body());
        assertTrue(r.error().contains("nested more than"), r.body());
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void deletingAnItemAnswers204ThenNoSuchItemAnswers404(String engine) {
        Visitor v = visitor(engine);
        v.put("api/session/data/a", "1");
        v.put("api/session/data/b", "2");
        assertEquals(204, v.delete("api/session/data/a").status());
        assertEquals(json("{\"b\": 2}"), data(v));
        Reply again = v.delete("api/session/data/a");
        assertEquals(404, again.status());
        assertTrue(again.error().contains("'a'"), again.body());
        assertEquals(404, visitor(engine).delete("api/session/data/a").status(), "a visitor without a session");
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void anItemWhoseValueIsNullCanBeDeleted(String engine) {
        Visitor v = visitor(engine);
        v.put("api/session/data/a", "null");
        assertEquals(204, v.delete("api/session/data/a").status());
        assertEquals(json("{}"), data(v));
    }

    // ---- POST /api/session/flush and /cycle-key ----------------------------------------------------

    @ParameterizedTest
    @FieldSource("ENGINES")
    void flushDeletesTheDataAndTheCookie(String engine) {
        Visitor v = visitor(engine);
        v.put("api/session/data/member_id", "7");
        String old = v.cookie();
        Reply r = v.post("api/session/flush");
        assertEquals(204, r.status());
        assertTrue(r.setCookie().orElseThrow().contains("Max-Age=0"), r.setCookie().toString());
        assertNull(v.cookie());
        assertEquals(json("{\"id\": null, \"expiryAge\": 1209600, \"expireAtBrowserClose\": false, \"data\": {}, \"user\": null}"),
                v.get("api/session").json());
        if (storesServerSide(engine)) {
            Visitor replay = visitor(engine);
            replay.useCookie(old);
            assertEquals(json("{}"), data(replay), "the flushed session is gone from the store");
        }
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void cycleKeyKeepsTheDataUnderANewKey(String engine) {
        Visitor v = visitor(engine);
        v.put("api/session/data/cart", "[\"apple\"]");
        String old = v.cookie();
        Reply r = v.post("api/session/cycle-key");
        assertEquals(204, r.status());
        assertTrue(r.setCookie().isPresent());
        assertNotEquals(old, v.cookie());
        JsonObject session = v.get("api/session").json();
        assertEquals(SessionKeys.storageId(v.cookie()), session.getString("id"));
        assertEquals(json("{\"cart\": [\"apple\"]}"), session.getJsonObject("data"));
        if (storesServerSide(engine)) {
            Visitor replay = visitor(engine);
            replay.useCookie(old);
            assertEquals(json("{}"), data(replay), "the old key no longer opens the session");
        }
    }

    // ---- PUT /api/session/expiry ------------------------------------------------------------------

    @ParameterizedTest
    @FieldSource("ENGINES")
    void expiryInSecondsAtBrowserCloseAndBackToTheGlobalPolicy(String engine) {
        Visitor v = visitor(engine);
        Reply seconds = v.put("api/session/expiry", "{\"seconds\": 300}");
        assertEquals(204, seconds.status());
        assertTrue(seconds.setCookie().orElseThrow().contains("Max-Age=300;"), seconds.setCookie().toString());
        JsonObject session = v.get("api/session").json();
        assertEquals(300, session.getInt("expiryAge"));
        assertFalse(session.getBoolean("expireAtBrowserClose"));

        Reply browserClose = v.put("api/session/expiry", "{\"seconds\": 0}");
        assertEquals(204, browserClose.status());
        String cookie = browserClose.setCookie().orElseThrow();
        assertFalse(cookie.contains("Max-Age") || cookie.contains("Expires"), cookie);
        session = v.get("api/session").json();
        assertTrue(session.getBoolean("expireAtBrowserClose"));
        assertEquals(TWO_WEEKS, session.getJsonNumber("expiryAge").longValue(), "the stored session still expires");

        Reply global = v.put("api/session/expiry", "{\"seconds\": null}");
        assertEquals(204, global.status());
        assertTrue(global.setCookie().orElseThrow().contains("Max-Age=1209600;"), global.setCookie().toString());
        session = v.get("api/session").json();
        assertEquals(TWO_WEEKS, session.getJsonNumber("expiryAge").longValue());
        assertFalse(session.getBoolean("expireAtBrowserClose"));
        assertFalse(session.getJsonObject("data").containsKey("_session_expiry"));
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void anExpiryThatIsNotWholeSecondsOrNullIsA400(String engine) {
        Visitor v = visitor(engine);
        for (String bad : new String[] {"{}", "[]", "300", "{\"seconds\": \"300\"}", "{\"seconds\": 1.5}",
                "{\"seconds\": 99999999999}", "{\"seconds\": true}", "{\"seconds\":"}) {
            Reply r = v.put("api/session/expiry", bad);
            assertEquals(400, r.status(), bad + ": " + r.body());
            assertFalse(r.error().isBlank());
        }
        assertNull(v.cookie());
    }

    // ---- POST /api/session/fail -------------------------------------------------------------------

    @ParameterizedTest
    @FieldSource("ENGINES")
    void aFailedRequestSavesNothing(String engine) {
        Visitor fresh = visitor(engine);
        Reply r = fresh.post("api/session/fail");
        assertEquals(500, r.status());
        assertFalse(r.error().isBlank());
        assertTrue(r.setCookie().isEmpty(), "no session was created");

        Visitor v = visitor(engine);
        v.put("api/session/data/a", "1");
        Reply failed = v.post("api/session/fail");
        assertEquals(500, failed.status());
        assertTrue(failed.setCookie().isEmpty());
        assertEquals(json("{\"a\": 1}"), data(v));
    }

    // ---- the page's endpoints: the reference's examples -----------------------------------------

    @ParameterizedTest
    @FieldSource("ENGINES")
    void theSecondCommentAnswersYouveAlreadyCommented(String engine) {
        Visitor v = visitor(engine);
        assertEquals("Thanks for your comment!", v.post("api/comments", "{\"text\": \"first\"}").json().getString("message"));
        assertEquals("You've already commented.", v.post("api/comments", "{\"text\": \"second\"}").json().getString("message"));
        assertEquals(json("{\"has_commented\": true}"), data(v));
        assertEquals(400, v.post("api/comments", "{\"text\": \"  \"}").status());
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void logInNeedsTheTestCookieThenStoresTheMemberUnderANewKey(String engine) {
        Visitor v = visitor(engine);
        String alice = "{\"username\": \"alice\", \"password\": \"wonderland\"}";
        Reply tooSoon = v.post("api/members/login", alice);
        assertEquals(400, tooSoon.status());
        assertEquals("Please enable cookies and try again.", tooSoon.error());

        v.post("api/members/test-cookie");
        assertTrue(v.get("api/members/test-cookie").json().getBoolean("worked"));
        assertEquals(403, v.post("api/members/login", "{\"username\": \"alice\", \"password\": \"builder\"}").status());
        String before = v.cookie();
        Reply in = v.post("api/members/login", alice);
        assertEquals(200, in.status(), in.body());
        assertEquals("You're logged in as alice.", in.json().getString("message"));
        assertNotEquals(before, v.cookie());
        assertEquals(json("{\"member_id\": 1}"), data(v), "the test cookie item is gone");

        Reply out = v.post("api/members/logout");
        assertEquals("You're logged out.", out.json().getString("message"));
        assertNull(v.cookie());
        assertEquals(json("{}"), data(v));
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void signingInWithJakartaSecurityCyclesTheKeyAndEveryLaterRequestIsThatMember(String engine) {
        Visitor v = visitor(engine);
        v.put("api/session/data/cart", "[\"apple\"]");
        String anonymous = v.cookie();
        Reply wrong = v.post("api/login", "{\"username\": \"alice\", \"password\": \"builder\"}");
        assertEquals(401, wrong.status());
        assertEquals("Unknown username or wrong password.", wrong.error());
        assertTrue(wrong.setCookie().isEmpty(), "a failed login writes no session");
        assertEquals(400, v.post("api/login", "{\"username\": \"alice\"").status());
        assertEquals(400, v.post("api/login", "{\"username\": 7, \"password\": \"x\"}").status());
        assertEquals(JsonValue.NULL, v.get("api/session").json().get("user"));

        Reply in = v.post("api/login", "{\"username\": \"alice\", \"password\": \"wonderland\"}");
        assertEquals(200, in.status(), in.body());
        assertEquals("alice", in.json().getString("user"));
        assertNotEquals(anonymous, v.cookie(), "signing in cycles the key");
        JsonObject session = v.get("api/session").json();
        assertEquals("alice", session.getString("user"));
        assertEquals(json("[\"apple\"]"), session.getJsonObject("data").get("cart"), "the visit's data stays");

        Reply out = v.post("api/logout");
        assertEquals(204, out.status());
        assertTrue(out.setCookie().orElseThrow().startsWith("sessionid=; "), out.setCookie().toString());
        assertNull(v.cookie());
        assertEquals(JsonValue.NULL, v.get("api/session").json().get("user"));
    }

    /** What WildFly's management port serves (the demo's server runs ../wildfly/observability.cli). */
    private static String management(String path) {
        int port = Integer.getInteger("wildfly.management.port", 9990);
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void anOperatorSeesTheMetricsAndTheReadinessCheckAndOnlyTheAdminRoleAdministers(String engine) {
        Visitor v = visitor(engine);
        assertEquals(204, v.put("api/session/data/cart", "[\"apple\"]").status());
        String tag = "application=\"demo-" + engine + "\"";
        List<String> created = management("/prometheus").lines()
                .filter(l -> l.startsWith("cloakroom_sessions_creations_total{") && l.contains(tag)).toList();
        assertEquals(1, created.size(), created.toString());
        assertTrue(Double.parseDouble(created.get(0).substring(created.get(0).lastIndexOf(' ') + 1)) >= 1, created.toString());
        String ready = management("/health/ready");
        assertTrue(ready.contains("\"cloakroom-sessions\"") && ready.contains("\"engine\":\"" + engine + "\""), ready);

        assertEquals(401, visitor(engine).get("api/cloakroom/admin").status());
        Visitor alice = visitor(engine);
        assertEquals(200, alice.post("api/login", "{\"username\": \"alice\", \"password\": \"wonderland\"}").status());
        assertEquals(403, alice.get("api/cloakroom/admin").status());
        Visitor carol = visitor(engine);
        assertEquals(200, carol.post("api/login", "{\"username\": \"carol\", \"password\": \"operator\"}").status());
        Reply summary = carol.get("api/cloakroom/admin");
        assertEquals(200, summary.status(), summary.body());
        assertEquals(engine, summary.json().getString("engine"));
        assertTrue(summary.json().getJsonObject("metrics").getJsonNumber("cloakroom.sessions.creations").doubleValue() >= 2);
        Reply cleared = carol.post("api/cloakroom/admin/clear-expired");
        assertEquals(200, cleared.status(), cleared.body());
        assertTrue(cleared.json().containsKey("removed"), cleared.body());
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void aMemberSeesTheirSessionsAndLogsOutEverywhereElse(String engine) {
        Visitor anonymous = visitor(engine);
        assertEquals(401, anonymous.get("api/sessions").status());
        assertEquals(401, anonymous.post("api/sessions/logout-others").status());
        String bob = "{\"username\": \"bob\", \"password\": \"builder\"}";
        Visitor laptop = visitor(engine);
        Visitor phone = visitor(engine);
        assertEquals(200, laptop.post("api/login", bob).status());
        assertEquals(200, phone.post("api/login", bob).status());
        Reply listed = laptop.get("api/sessions");
        if (!engine.equals("db") && !engine.equals("cached_db")) {
            assertEquals(501, listed.status(), "only the db engines find a user's sessions");
            assertTrue(listed.error().contains("db or cached_db"), listed.error());
            return;
        }
        assertEquals(200, listed.status(), listed.body());
        var mine = Json.createReader(new StringReader(listed.body())).readArray().stream()
                .map(JsonValue::asJsonObject).filter(o -> o.getBoolean("current")).toList();
        assertEquals(1, mine.size(), listed.body());
        assertTrue(mine.get(0).getString("expires").endsWith("Z"));
        assertEquals(204, laptop.post("api/sessions/logout-others").status());
        assertEquals(JsonValue.NULL, phone.get("api/session").json().get("user"), "the phone is logged out");
        assertEquals("bob", laptop.get("api/session").json().getString("user"));
        assertEquals(1, Json.createReader(new StringReader(laptop.get("api/sessions").body())).readArray().size());
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void theTestCookieDoesNotWorkForABrowserThatDropsCookies(String engine) {
        Visitor v = visitor(engine);
        v.post("api/members/test-cookie");
        v.useCookie(null);
        assertFalse(v.get("api/members/test-cookie").json().getBoolean("worked"));
    }

    // ---- Cookie headers that no HTTP client library sends -----------------------------------------

    /** Sends one GET with this raw Cookie header over a plain socket and returns the status line. */
    private static String rawGet(URI app, byte[] cookieHeader) throws IOException {
        try (Socket socket = new Socket(app.getHost(), app.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + app.getPath() + "api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nCookie: ")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(cookieHeader);
            out.write("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(0, response.indexOf('\r'));
        }
    }

    @ParameterizedTest
    @FieldSource("ENGINES")
    void aCookieWithAnAccentAControlCharacterOrThreeHundredCookiesIsNoSessionNotA500(String engine) throws IOException {
        URI app = deployment(engine);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            many.append("c").append(i).append("=1; ");
        }
        for (byte[] header : List.of("sessionid=\u00e9".getBytes(StandardCharsets.UTF_8), "sessionid=a\u0001b".getBytes(StandardCharsets.ISO_8859_1),
                new byte[] {'x', '=', (byte) 0xff}, many.toString().getBytes(StandardCharsets.ISO_8859_1))) {
            assertEquals("HTTP/1.1 200 OK", rawGet(app, header), new String(header, StandardCharsets.ISO_8859_1));
        }
    }
}
