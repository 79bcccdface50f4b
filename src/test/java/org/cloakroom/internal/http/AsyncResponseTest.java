package org.cloakroom.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.AsyncContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The held response on the asynchronous path, without a server: a fake container's async context
 * shows when the session's commit hook runs and what reaches the wire, and in what order.
 */
class AsyncResponseTest {

    private final FakeExchange exchange = new FakeExchange();
    /** The status each run of the commit hook saw (the filter saves the session there). */
    private final List<Integer> hookRuns = new ArrayList<>();
    private int replacement;
    private final SessionResponse held = new SessionResponse(exchange.response, r -> {
        hookRuns.add(r.committedStatus());
        exchange.events.add("hook");
        return replacement;
    });
    private final AsyncAwareRequest request = new AsyncAwareRequest(exchange.request,
            new AsyncAwareRequest.Pending(held, new org.cloakroom.internal.engine.RequestHandshake(null)));

    private static void write(SessionResponse response, String text) throws IOException {
        response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBodyWrittenOnAnotherThreadIsReleasedWhenTheAsyncContextCompletes() throws Exception {
        AsyncContext async = request.startAsync();
        assertTrue(request.wentAsync());
        CompletableFuture.runAsync(() -> {
            try {
                write(held, "hello from async");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } finally {
                async.complete();
            }
        }).get();
        assertEquals("hello from async", exchange.body());
        assertEquals(List.of(200), hookRuns);
        assertEquals(List.of("hook", "bytes", "complete"), exchange.events);
    }

    @Test
    void theSessionHookRunsOnceWhenTheRequestThreadAlsoFinishesTheResponse() throws Exception {
        AsyncContext async = request.startAsync();
        write(held, "x");
        async.complete();
        held.complete();
        assertEquals(1, hookRuns.size());
        assertEquals("x", exchange.body());
    }

    @Test
    void aWriterBufferedOnTheAsyncThreadIsFlushedBeforeTheContextCompletes() throws Exception {
        AsyncContext async = request.startAsync();
        PrintWriter writer = held.getWriter();
        writer.print("written through a writer");
        async.complete();
        assertEquals("written through a writer", exchange.body());
    }

    @Test
    void theFirstFlushOfAStreamCommitsAndLaterEventsPassStraightThrough() throws Exception {
        AsyncContext async = request.startAsync();
        write(held, "data: 0\n\n");
        held.flushBuffer();
        assertEquals(List.of("hook", "bytes", "flush"), exchange.events);
        write(held, "data: 1\n\n");
        held.getOutputStream().flush();
        assertEquals("data: 0\n\ndata: 1\n\n", exchange.body(), "each event on the wire when it is flushed");
        async.complete();
        assertEquals(1, hookRuns.size());
    }

    @Test
    void anAsyncTimeoutCommitsAsAnErrorResponseSoNothingIsSaved() throws Exception {
        request.startAsync();
        write(held, "partial");
        exchange.fireTimeout();
        assertEquals(List.of(500), hookRuns);
        assertEquals("", exchange.body(), "a partial body is dropped, as the container's error handling would");
        held.sendError(500);
        assertEquals(1, hookRuns.size(), "the container's error page after the timeout commits nothing twice");
    }

    @Test
    void anAsyncErrorCommitsAsAnErrorResponse() throws Exception {
        request.startAsync();
        exchange.fireError(new IOException("client went away"));
        assertEquals(List.of(500), hookRuns);
    }

    @Test
    void aDispatchLeavesTheResponseHeldForTheDispatchedPass() throws Exception {
        AsyncContext async = request.startAsync();
        write(held, "first half ");
        async.dispatch("/target");
        assertTrue(hookRuns.isEmpty());
        assertEquals(List.of("dispatch"), exchange.events);
        assertSame(held, ((AsyncAwareRequest.Pending) exchange.attributes.get(AsyncAwareRequest.PENDING)).held());
        write(held, "second half");
        held.complete();
        assertEquals("first half second half", exchange.body());
        assertEquals(1, hookRuns.size());
    }

    @Test
    void theApplicationGetsTheSameFinishingContextBack() {
        AsyncContext started = request.startAsync();
        assertSame(started, request.getAsyncContext());
        assertEquals(30_000L, started.getTimeout());
    }

    @Test
    void aRequestThatNeverWentAsyncIsFinishedByTheFilter() {
        assertFalse(request.wentAsync());
    }

    @Test
    void aConcurrentlyDeletedSessionTurnsTheAsyncResponseIntoA400() throws Exception {
        replacement = 400;
        AsyncContext async = request.startAsync();
        write(held, "too late");
        async.complete();
        assertEquals(400, exchange.status);
        assertTrue(exchange.body().startsWith("Bad request: the session was deleted"), exchange.body());
        assertFalse(exchange.body().contains("too late"));
        assertEquals("complete", exchange.events.get(exchange.events.size() - 1));
    }
}
