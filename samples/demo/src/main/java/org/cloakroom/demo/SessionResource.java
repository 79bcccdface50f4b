package org.cloakroom.demo;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.cloakroom.Session;
import org.cloakroom.spi.SessionKeys;

/**
 * The visitor's session as a small JSON API: what the page's panel shows, and a way to try every
 * session operation by hand ({@code curl}, the browser's console).
 */
@Path("session")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class SessionResource {

    @Inject
    Session session;

    @Context
    HttpServletRequest request;

    /** The session as it is now. Reading never creates a session, so no cookie is sent for it. */
    @GET
    public JsonObject read() {
        JsonObjectBuilder data = Json.createObjectBuilder();
        // Reading the data first: loading drops a key the store no longer knows.
        session.forEach((name, value) -> data.add(name, JsonValues.toJson(value)));
        String key = session.getSessionKey();
        return Json.createObjectBuilder()
                // The storage id, a hash of the key: the key itself stays in the HttpOnly cookie,
                // out of reach of the page's scripts.
                .add("id", key == null ? JsonValue.NULL : Json.createValue(SessionKeys.storageId(key)))
                .add("expiryAge", session.getExpiryAge())
                .add("expireAtBrowserClose", session.getExpireAtBrowserClose())
                .add("data", data)
                .add("user", request.getUserPrincipal() == null ? JsonValue.NULL
                        : Json.createValue(request.getUserPrincipal().getName()))
                .build();
    }

    /** Stores any JSON value under {@code name}. */
    @PUT
    @Path("data/{name}")
    public void store(@PathParam("name") String name, String body) {
        requireOrdinaryName(name);
        session.put(name, JsonValues.toJava(JsonValues.parse(body)));
    }

    @DELETE
    @Path("data/{name}")
    public void delete(@PathParam("name") String name) {
        requireOrdinaryName(name);
        if (!session.containsKey(name)) {
            throw ApiErrors.error(Response.Status.NOT_FOUND, "The session has no item named '" + name + "'");
        }
        session.remove(name);
    }

    /** Logout's operation: the data and the stored session go, and the cookie is deleted. */
    @POST
    @Path("flush")
    public void flush() {
        session.flush();
    }

    /** Login's operation: the same data under a new key. */
    @POST
    @Path("cycle-key")
    public void cycleKey() {
        session.cycleKey();
    }

    /** {@code {"seconds": N}} (0: at browser close) or {@code {"seconds": null}} (the global policy). */
    @PUT
    @Path("expiry")
    public void expiry(String body) {
        JsonObject request = JsonValues.parseObject(body);
        if (!request.containsKey("seconds")) {
            throw ApiErrors.badRequest("Send {\"seconds\": N}; 0 means at browser close, null the global policy");
        }
        JsonValue seconds = request.get("seconds");
        if (seconds.getValueType() == JsonValue.ValueType.NULL) {
            session.resetExpiry();
            return;
        }
        if (!(seconds instanceof JsonNumber number) || !number.isIntegral()) {
            throw ApiErrors.badRequest("\"seconds\" must be a whole number or null");
        }
        int value;
        try {
            value = number.intValueExact();
        } catch (ArithmeticException e) {
            throw ApiErrors.badRequest("\"seconds\" is too large");
        }
        session.setExpiry(value);
    }

    /** Changes the session and then fails: a response of 500 or more saves nothing. */
    @POST
    @Path("fail")
    public Response fail() {
        session.put("failed", true);
        return ApiErrors.response(Response.Status.INTERNAL_SERVER_ERROR,
                "This request failed on purpose, so its change to the session was not saved");
    }

    private static void requireOrdinaryName(String name) {
        if (name.startsWith("_")) {
            throw ApiErrors.badRequest("Item names starting with _ are reserved for the framework");
        }
    }
}
