package org.cloakroom.internal.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The held response on the synchronous path, without a server: redirects, errors, resets, flushes
 * and bodies larger than the buffer, each seen as what reaches a fake container and in what order.
 * The commit hook adds a cookie header, as the middleware does when it saves the session.
 */
class SessionResponseTest {

    private static final String COOKIE = "header Set-Cookie: sessionid=abc";

    private final FakeExchange exchange = new FakeExchange();
    /** The status each run of the commit hook saw (the filter saves the session there). */
    private final List<Integer> hookRuns = new ArrayList<>();
    private int replacement;
    private final SessionResponse held = new SessionResponse(exchange.response, r -> {
        hookRuns.add(r.committedStatus());
        r.addHeader("Set-Cookie", "sessionid=abc");
        return replacement;
    });

    private void write(String text) throws IOException {
        held.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    }

    // ---- redirects and errors --------------------------------------------------------------

    @Test
    void aRedirectStillSendsTheSessionCookie() throws IOException {
        held.sendRedirect("/next");
        assertEquals(List.of(COOKIE, "redirect /next"), exchange.events);
        assertEquals(List.of(302), hookRuns, "the session is saved as for any redirect");
    }

    @Test
    void aBodyWrittenBeforeARedirectIsDropped() throws IOException {
        write("never shown");
        held.sendRedirect("/next");
        held.complete();
        assertEquals("", exchange.body());
        assertEquals(1, hookRuns.size());
    }

    @Test
    void anErrorCommitsTheSessionWithTheErrorStatusBeforeTheContainerSendsIt() throws IOException {
        write("half a page");
        held.sendError(500, "boom");
        assertEquals(List.of(500), hookRuns, "the session sees the 5xx it is committed with, so it saves nothing");
        assertEquals(List.of(COOKIE, "sendError 500 boom"), exchange.events);
        assertEquals("", exchange.body());
    }

    @Test
    void anErrorWithoutAMessageAlsoCommitsWithItsStatus() throws IOException {
        held.sendError(404);
        assertEquals(List.of(404), hookRuns);
        assertEquals(List.of(COOKIE, "sendError 404"), exchange.events);
    }

    @Test
    void anErrorAfterTheBodyStartedStreamingDoesNotRunTheHookAgain() throws IOException {
        held.getOutputStream().write(new byte[9000]);
        held.sendError(500);
        assertEquals(List.of(200), hookRuns);
        assertEquals("sendError 500", exchange.events.get(exchange.events.size() - 1));
    }

    @Test
    void aConflictReplacesTheRedirectAndLaterWritesAreDiscarded() throws IOException {
        replacement = 409;
        held.sendRedirect("/next");
        write("after the refusal");
        held.complete();
        assertEquals(409, exchange.status);
        assertFalse(exchange.events.contains("redirect /next"), exchange.events.toString());
        assertTrue(exchange.body().startsWith("Conflict:"), exchange.body());
        assertFalse(exchange.body().contains("after the refusal"));
        assertEquals("text/plain;charset=UTF-8", exchange.contentType);
    }

    @Test
    void aStoreOutageBeforeAnythingWasSentAnswers503AndSaysWhenToRetry() throws IOException {
        write("the application's page");
        assertTrue(held.refuseIfUncommitted(503));
        held.complete();
        assertEquals(503, exchange.status);
        assertTrue(exchange.events.contains("header Retry-After: " + SessionResponse.RETRY_AFTER_SECONDS));
        assertTrue(exchange.body().startsWith("Service unavailable"), exchange.body());
        assertTrue(hookRuns.isEmpty(), "a refused response neither saves nor asks the session");
    }

    @Test
    void anOutageAfterTheBodyStartedStreamingCannotReplaceTheResponse() throws IOException {
        held.getOutputStream().write(new byte[9000]);
        assertFalse(held.refuseIfUncommitted(503));
        assertEquals(200, exchange.status);
        assertEquals(9000, exchange.wire.size());
    }

    // ---- resets -----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"reset", "resetBuffer"})
    void aResetBeforeCommitDropsTheHeldBody(String reset) throws IOException {
        write("first try");
        if (reset.equals("reset")) {
            held.reset();
        } else {
            held.resetBuffer();
        }
        write("second try");
        held.complete();
        assertEquals("second try", exchange.body());
        assertEquals(List.of(reset, COOKIE, "bytes"), exchange.events);
    }

    @Test
    void aResetAfterTheBodyStartedStreamingIsLeftToTheContainer() throws IOException {
        held.getOutputStream().write(new byte[9000]);
        held.reset();
        held.resetBuffer();
        assertEquals(List.of(COOKIE, "bytes", "reset", "resetBuffer"), exchange.events);
        assertEquals(9000, exchange.wire.size());
    }

    // ---- flushes and streaming ----------------------------------------------------------------

    @Test
    void aFlushSendsTheCookieBeforeTheHeldBody() throws IOException {
        write("so far");
        held.flushBuffer();
        assertEquals(List.of(COOKIE, "bytes", "flush"), exchange.events);
        assertEquals("so far", exchange.body());
        held.complete();
        assertEquals(1, hookRuns.size());
    }

    @Test
    void aFlushedWriterReachesTheWireInTheResponseEncoding() throws IOException {
        PrintWriter writer = held.getWriter();
        writer.print("crème brûlée");
        held.flushBuffer();
        assertEquals("crème brûlée", exchange.body());
        assertEquals(COOKIE, exchange.events.get(0));
    }

    @Test
    void closingTheStreamCommitsTheSessionAndSendsTheBody() throws IOException {
        write("whole");
        held.getOutputStream().close();
        assertEquals(List.of(200), hookRuns);
        assertEquals("whole", exchange.body());
        assertEquals(COOKIE, exchange.events.get(0));
    }

    @Test
    void aBodyThatFitsTheBufferIsHeldUntilTheRequestEnds() throws IOException {
        held.getOutputStream().write(new byte[8192]);
        assertTrue(exchange.events.isEmpty(), exchange.events.toString());
        held.complete();
        assertEquals(List.of(COOKIE, "bytes"), exchange.events);
        assertEquals(8192, exchange.wire.size());
    }

    @Test
    void streamingPastTheBufferSendsTheCookieFirstAndThenPassesEveryByteThroughInOrder() throws IOException {
        byte[] body = new byte[20_000];
        Arrays.fill(body, (byte) 'a');
        Arrays.fill(body, 8193, body.length, (byte) 'b');
        held.getOutputStream().write(body, 0, 8192);
        assertTrue(exchange.events.isEmpty(), "held while it fits the buffer");
        held.getOutputStream().write(body, 8192, 1);
        assertEquals(List.of(COOKIE, "bytes"), exchange.events, "the overflow commits");
        held.getOutputStream().write(body, 8193, body.length - 8193);
        held.complete();
        assertEquals(List.of(COOKIE, "bytes", "bytes"), exchange.events, "later writes go straight through");
        assertArrayEquals(body, exchange.wire.toByteArray());
        assertEquals(List.of(200), hookRuns);
    }

    @Test
    void theStreamAndTheWriterCannotBothBeUsed() {
        held.getOutputStream();
        assertThrows(IllegalStateException.class, held::getWriter);
    }
}
