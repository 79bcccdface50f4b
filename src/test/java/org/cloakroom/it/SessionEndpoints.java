package org.cloakroom.it;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cloakroom.Session;
import org.cloakroom.SessionStore;

/** One endpoint per session behaviour the integration tests drive over HTTP. */
@Path("session")
public class SessionEndpoints {

    @Inject
    Session session;

    @Inject
    SessionStore store;

    @GET
    @Path("untouched")
    public String untouched() {
        return "nothing";
    }

    @GET
    @Path("get/{name}")
    public String get(@PathParam("name") String name) {
        return String.valueOf(session.get(name));
    }

    @PUT
    @Path("put/{name}")
    public String put(@PathParam("name") String name, String value) {
        session.put(name, value);
        return "ok";
    }

    @POST
    @Path("flush")
    public String flush() {
        session.flush();
        return "flushed";
    }

    @POST
    @Path("cycle-key")
    public String cycleKey() {
        session.cycleKey();
        return session.getSessionKey();
    }

    @POST
    @Path("fail")
    public String fail() {
        session.put("failed", "true");
        throw new WebApplicationException("deliberate failure", 500);
    }

    /** Deletes its own stored session in the middle of the request, as a concurrent logout would. */
    @POST
    @Path("interrupted")
    public String interrupted() {
        session.get("a");
        store.delete(session.getSessionKey());
        session.put("b", "late");
        return "too late";
    }

    @PUT
    @Path("expiry/{seconds}")
    public String expiry(@PathParam("seconds") int seconds) {
        session.setExpiry(seconds);
        return "ok";
    }

    @PUT
    @Path("cart")
    public String newCart(String item) {
        session.put("cart", new ArrayList<>(List.of(item)));
        return "ok";
    }

    /** Changes the stored list in place, without put: the change must not be lost. */
    @POST
    @Path("cart")
    @SuppressWarnings("unchecked")
    public String addToCart(String item) {
        ((List<Object>) session.get("cart")).add(item);
        return "ok";
    }

    @GET
    @Path("cart")
    public String cart() {
        return String.valueOf(session.get("cart"));
    }

    /** The session's names, sorted, comma-separated. */
    @GET
    @Path("keys")
    public String keys() {
        return String.join(",", new java.util.TreeSet<>(session.keySet()));
    }

    /** A 4 MB body, streamed: far beyond any response buffer. */
    @GET
    @Path("big")
    public StreamingOutput big() {
        session.put("big", "yes");
        byte[] chunk = "0123456789abcdef".repeat(4096).getBytes(StandardCharsets.US_ASCII);
        return out -> {
            for (int i = 0; i < 64; i++) {
                out.write(chunk);
                out.flush();
            }
        };
    }
}
