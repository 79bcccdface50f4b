package org.cloakroom.it;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Asynchronous JAX-RS resources that never touch the session, deployed both with and without the
 * Cloakroom jar: their responses must be the same byte for byte.
 */
@Path("async-plain")
public class AsyncPlainEndpoints {

    static final int EVENTS = 4;
    static final long EVENT_GAP_MILLIS = 300;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @GET
    @Path("stage")
    public CompletionStage<String> stage() {
        return CompletableFuture.supplyAsync(() -> "hello from async", executor);
    }

    @GET
    @Path("suspended/{how}")
    public void suspended(@PathParam("how") String how, @Suspended AsyncResponse response) {
        resumeLater(how, response, scheduler);
    }

    @GET
    @Path("sse")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void sse(@Context SseEventSink sink, @Context Sse sse) {
        sendTicks(sink, sse, executor);
    }

    /**
     * Resumes from another thread, in the way {@code how} names, once the request thread has
     * surely left the container (a resume that races the request thread is answered differently
     * by Payara with or without any filter, which would make the comparison flaky).
     */
    static void resumeLater(String how, AsyncResponse response, ManagedScheduledExecutorService scheduler) {
        scheduler.schedule(() -> {
            switch (how) {
                case "entity" -> response.resume("resumed with an entity");
                case "response" -> response.resume(Response.noContent().header("X-Resumed", "yes").build());
                case "conflict" -> response.resume(new WebApplicationException("deliberate conflict", 409));
                case "failure" -> response.resume(new IllegalStateException("deliberate failure"));
                default -> response.resume(new WebApplicationException(404));
            }
        }, 300, TimeUnit.MILLISECONDS);
    }

    /** {@value #EVENTS} events, {@value #EVENT_GAP_MILLIS} ms apart, then the stream closes. */
    static void sendTicks(SseEventSink sink, Sse sse, ManagedExecutorService executor) {
        executor.submit(() -> {
            try (sink) {
                for (int i = 0; i < EVENTS; i++) {
                    sink.send(sse.newEvent("tick", "event " + i)).toCompletableFuture().join();
                    Thread.sleep(EVENT_GAP_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
