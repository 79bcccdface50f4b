package org.cloakroom.demo;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Error answers of the demo's API: a status and {@code {"error": "..."}}. */
final class ApiErrors {

    private ApiErrors() {
    }

    static JsonObject body(String message) {
        return Json.createObjectBuilder().add("error", message).build();
    }

    static Response response(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body(message)).build();
    }

    static WebApplicationException error(Response.Status status, String message) {
        return new WebApplicationException(message, response(status, message));
    }

    static WebApplicationException badRequest(String message) {
        return error(Response.Status.BAD_REQUEST, message);
    }
}
