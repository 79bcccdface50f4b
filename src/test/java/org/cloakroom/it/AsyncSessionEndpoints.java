package org.cloakroom.it;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.cloakroom.Session;
import org.cloakroom.SessionStore;

/** Asynchronous JAX-RS resources that change the session on the request thread, as README says to. */
@Path("async")
public class AsyncSessionEndpoints {

    @Inject
    Session session;

    @Inject
    SessionStore store;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @POST
    @Path("stage")
    public CompletionStage<String> stage() {
        session.put("stage", 1);
        return CompletableFuture.supplyAsync(() -> "hello from async", executor);
    }

    /** The unsupported pattern: the session used on the continuation thread, where no request context is active. */
    @POST
    @Path("stage/continuation")
    public CompletionStage<String> continuation() {
        session.put("before", "request thread");
        return CompletableFuture.supplyAsync(() -> {
            session.put("continuation", "lost?");
            return "changed on the continuation";
        }, executor);
    }

    @POST
    @Path("stage/interrupted")
    public CompletionStage<String> interrupted() {
        session.get("a");
        store.delete(session.getSessionKey());
        session.put("b", "late");
        return CompletableFuture.supplyAsync(() -> "too late", executor);
    }

    @POST
    @Path("suspended/{how}")
    public void suspended(@PathParam("how") String how, @Suspended AsyncResponse response) {
        session.put("suspended", how);
        AsyncPlainEndpoints.resumeLater(how, response, scheduler);
    }

    /** Suspended and never resumed: the JAX-RS runtime's timeout answers 503. */
    @POST
    @Path("suspended-forever")
    public void suspendedForever(@Suspended AsyncResponse response) {
        session.put("suspended", "forever");
        response.setTimeout(300, TimeUnit.MILLISECONDS);
    }

    @GET
    @Path("sse")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void sse(@Context SseEventSink sink, @Context Sse sse) {
        session.put("sse", "yes");
        AsyncPlainEndpoints.sendTicks(sink, sse, executor);
    }
}
