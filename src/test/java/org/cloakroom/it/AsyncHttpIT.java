package org.cloakroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every asynchronous style over real HTTP: JAX-RS {@code CompletionStage}, {@code @Suspended
 * AsyncResponse} (entity, {@code Response}, mapped exceptions, timeout), Server-Sent Events and
 * Servlet {@code startAsync()} with {@code complete()}, {@code dispatch()} and a timeout. Resources
 * that never touch the session answer exactly as in a WAR without the jar; those that change it
 * on the request thread get it saved when the async response commits, by the synchronous rules.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AsyncHttpIT {

    @Deployment(name = "with-cloakroom", testable = false)
    static WebArchive withCloakroom() {
        JavaArchive library = ShrinkWrap.createFromZipFile(JavaArchive.class, new File(System.getProperty("cloakroom.jar")));
        return plainClasses(ShrinkWrap.create(WebArchive.class, "async-sessions.war"))
                .addClasses(AsyncSessionEndpoints.class, AsyncSessionServlet.class, AsyncSessionServlet.Target.class,
                        SessionEndpoints.class)
                .addAsLibrary(library)
                .addAsResource(new StringAsset("session.clear.expired.enabled=false\n"),
                        "META-INF/microprofile-config.properties");
    }

    @Deployment(name = "without-cloakroom", testable = false)
    static WebArchive withoutCloakroom() {
        return plainClasses(ShrinkWrap.create(WebArchive.class, "async-plain.war"));
    }

    private static WebArchive plainClasses(WebArchive war) {
        // A bean archive in both, so that the resources get their managed executors either way.
        return war.addClasses(ItApplication.class, AsyncPlainEndpoints.class, AsyncServlet.class, AsyncTargetServlet.class)
                .addAsWebInfResource(new StringAsset("<beans bean-discovery-mode=\"all\"/>"), "beans.xml");
    }

    @ArquillianResource
    @OperateOnDeployment("with-cloakroom")
    URL withJar;

    @ArquillianResource
    @OperateOnDeployment("without-cloakroom")
    URL withoutJar;

    // ---- untouched: byte for byte as without the jar -------------------------------------------

    @Test
    void aCompletionStageThatNeverTouchesTheSessionAnswersAsWithoutTheJar() {
        assertSameAsWithoutTheJar("GET", "api/async-plain/stage", "hello from async", 200);
    }

    @Test
    void aSuspendedResponseResumedWithAnEntityAnswersAsWithoutTheJar() {
        assertSameAsWithoutTheJar("GET", "api/async-plain/suspended/entity", "resumed with an entity", 200);
    }

    @Test
    void aSuspendedResponseResumedWithAResponseAnswersAsWithoutTheJar() {
        assertSameAsWithoutTheJar("GET", "api/async-plain/suspended/response", "", 204);
    }

    @Test
    void aSuspendedResponseResumedWithMappedExceptionsAnswersAsWithoutTheJar() {
        assertSameAsWithoutTheJar("GET", "api/async-plain/suspended/conflict", null, 409);
        assertSameAsWithoutTheJar("GET", "api/async-plain/suspended/failure", null, 500);
    }

    @Test
    void aServletThatCompletesFromAnotherThreadAnswersAsWithoutTheJar() {
        assertSameAsWithoutTheJar("POST", "servlet/async/complete", "completed asynchronously", 200);
    }

    @Test
    void aServletThatDispatchesAnswersAsWithoutTheJar() {
        assertSameAsWithoutTheJar("POST", "servlet/async/dispatch", "dispatched as ASYNC", 200);
    }

    @Test
    void serverSentEventsArriveOneByOneWithAndWithoutTheJar() {
        for (URL base : List.of(withoutJar, withJar)) {
            Events events = events(new Browser(base), "api/async-plain/sse");
            assertEquals(200, events.status, base.toString());
            assertFalse(Browser.sessionCookieHeader(events.response).isPresent());
            events.assertArrivedOneByOne();
        }
    }

    // ---- with session changes on the request thread ------------------------------------------

    @Test
    void aCompletionStageSavesTheSessionChangedOnTheRequestThread() {
        Browser b = new Browser(withJar);
        HttpResponse<String> r = b.post("api/async/stage", "");
        assertEquals(200, r.statusCode());
        assertEquals("hello from async", r.body());
        assertTrue(Browser.sessionCookieHeader(r).isPresent(), "Set-Cookie on the async response");
        assertTrue(Browser.vary(r).contains("Cookie"));
        assertEquals("1", b.get("api/session/get/stage").body());
    }

    @Test
    void aSuspendedResponseSavesTheSessionWhenResumedWithAnEntityOrAResponse() {
        Browser b = new Browser(withJar);
        HttpResponse<String> entity = b.post("api/async/suspended/entity", "");
        assertEquals("resumed with an entity", entity.body());
        assertNotNull(b.cookie());
        assertEquals("entity", b.get("api/session/get/suspended").body());

        HttpResponse<String> response = b.post("api/async/suspended/response", "");
        assertEquals(204, response.statusCode());
        assertEquals("yes", response.headers().firstValue("X-Resumed").orElse(null));
        assertEquals("response", b.get("api/session/get/suspended").body());
    }

    @Test
    void aSuspendedResponseResumedWithAClientErrorStillSavesAsASynchronousOneWould() {
        Browser b = new Browser(withJar);
        assertEquals(409, b.post("api/async/suspended/conflict", "").statusCode());
        assertEquals("conflict", b.get("api/session/get/suspended").body());
    }

    @Test
    void aSuspendedResponseResumedWithAFailureSavesNothing() {
        Browser b = new Browser(withJar);
        b.put("api/session/put/a", "kept");
        HttpResponse<String> r = b.post("api/async/suspended/failure", "");
        assertEquals(500, r.statusCode());
        assertFalse(Browser.sessionCookieHeader(r).isPresent());
        assertEquals("null", b.get("api/session/get/suspended").body());
        assertEquals("kept", b.get("api/session/get/a").body());
    }

    @Test
    void aSuspendedResponseThatTimesOutSavesNothing() {
        Browser b = new Browser(withJar);
        b.put("api/session/put/a", "kept");
        HttpResponse<String> r = b.post("api/async/suspended-forever", "");
        assertEquals(503, r.statusCode());
        assertEquals("null", b.get("api/session/get/suspended").body());
    }

    @Test
    void aSessionDeletedConcurrentlyGetsA400OnTheAsyncPathToo() {
        Browser b = new Browser(withJar);
        b.put("api/session/put/a", "1");
        HttpResponse<String> r = b.post("api/async/stage/interrupted", "");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("deleted by a concurrent request"), r.body());
    }

    @Test
    void usingTheSessionOnTheContinuationThreadFailsLoudlyAndSavesNothing() {
        Browser b = new Browser(withJar);
        b.put("api/session/put/a", "kept");
        HttpResponse<String> r = b.post("api/async/stage/continuation", "");
        assertEquals(500, r.statusCode(), r.body());
        assertEquals("null", b.get("api/session/get/before").body());
        assertEquals("null", b.get("api/session/get/continuation").body());
    }

    @Test
    void serverSentEventsSendTheCookieWithTheHeadersAndArriveOneByOne() {
        Browser b = new Browser(withJar);
        Events events = events(b, "api/async/sse");
        assertEquals(200, events.status);
        assertTrue(Browser.sessionCookieHeader(events.response).isPresent(), "Set-Cookie with the event stream's headers");
        events.assertArrivedOneByOne();
        assertEquals("yes", b.get("api/session/get/sse").body());
    }

    @Test
    void aServletThatCompletesFromAnotherThreadSavesTheSession() {
        Browser b = new Browser(withJar);
        HttpResponse<String> r = b.post("servlet/session-async/complete", "");
        assertEquals("completed asynchronously", r.body());
        assertTrue(Browser.sessionCookieHeader(r).isPresent());
        assertEquals("/complete", b.get("api/session/get/servlet").body());
    }

    @Test
    void aServletThatDispatchesSavesTheSessionWhenTheDispatchedPassEnds() {
        Browser b = new Browser(withJar);
        HttpResponse<String> r = b.post("servlet/session-async/dispatch", "");
        assertEquals("dispatched as ASYNC", r.body());
        assertTrue(Browser.sessionCookieHeader(r).isPresent());
        assertEquals("/dispatch", b.get("api/session/get/servlet").body());
    }

    /**
     * The filter binds the request's handshake on the dispatched pass too, so its changes are
     * saved with the first half's on every server, whether or not the server activates CDI's
     * request context there (Payara does not).
     */
    @Test
    void aDispatchTargetThatChangesTheSessionIsSavedWithTheFirstHalf() {
        Browser b = new Browser(withJar);
        b.put("api/session/put/a", "kept");
        HttpResponse<String> r = b.post("servlet/session-async/dispatch?touch", "");
        assertEquals("dispatched as ASYNC", r.body());
        assertEquals("/dispatch", b.get("api/session/get/servlet").body());
        assertEquals("yes", b.get("api/session/get/dispatched").body());
        assertEquals("kept", b.get("api/session/get/a").body());
    }

    @Test
    void aServletWhoseAsyncContextTimesOutSavesNothing() {
        Browser b = new Browser(withJar);
        b.put("api/session/put/a", "kept");
        HttpResponse<String> r = b.post("servlet/session-async/timeout", "");
        assertTrue(r.statusCode() >= 500, "status " + r.statusCode());
        assertFalse(Browser.sessionCookieHeader(r).isPresent());
        assertEquals("null", b.get("api/session/get/servlet").body());
        assertEquals("kept", b.get("api/session/get/a").body());
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Same status, body and headers (but the date) from the WAR with the jar as from the one without. */
    private void assertSameAsWithoutTheJar(String method, String path, String expectedBody, int expectedStatus) {
        HttpResponse<String> without = send(new Browser(withoutJar), method, path);
        HttpResponse<String> with = send(new Browser(withJar), method, path);
        assertEquals(expectedStatus, without.statusCode(), "without the jar: " + without.body());
        if (expectedBody != null) {
            assertEquals(expectedBody, without.body());
        }
        assertEquals(without.statusCode(), with.statusCode(), path);
        assertEquals(without.body(), with.body(), path);
        assertEquals(headers(without.headers()), headers(with.headers()), path);
    }

    private static HttpResponse<String> send(Browser b, String method, String path) {
        return method.equals("GET") ? b.get(path) : b.post(path, "");
    }

    private static Map<String, List<String>> headers(HttpHeaders headers) {
        Map<String, List<String>> kept = new TreeMap<>(headers.map());
        kept.remove("date");
        return kept;
    }

    private static Events events(Browser b, String path) {
        HttpResponse<Stream<String>> response = b.lines(path);
        long start = System.nanoTime();
        List<Long> arrivals = new ArrayList<>();
        List<String> data = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            lines.filter(line -> line.startsWith("data:")).forEach(line -> {
                arrivals.add((System.nanoTime() - start) / 1_000_000);
                data.add(line.substring(5).trim());
            });
        }
        return new Events(response, response.statusCode(), data, arrivals);
    }

    private record Events(HttpResponse<?> response, int status, List<String> data, List<Long> arrivalMillis) {

        /**
         * Each event arrives when sent, not bunched up when the stream closes: the first arrives
         * well before the last (half the time they were sent apart, allowing for a loaded machine).
         */
        void assertArrivedOneByOne() {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < AsyncPlainEndpoints.EVENTS; i++) {
                expected.add("event " + i);
            }
            assertEquals(expected, data);
            long spread = arrivalMillis.get(arrivalMillis.size() - 1) - arrivalMillis.get(0);
            long sentOver = AsyncPlainEndpoints.EVENT_GAP_MILLIS * (AsyncPlainEndpoints.EVENTS - 1);
            assertTrue(spread >= sentOver / 2, "events arrived together: " + arrivalMillis);
        }
    }
}
