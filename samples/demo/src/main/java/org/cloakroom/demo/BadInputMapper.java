package org.cloakroom.demo;

import jakarta.json.JsonException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Malformed JSON is the client's mistake: 400 with the parser's message, never a 500. */
@Provider
public class BadInputMapper implements ExceptionMapper<JsonException> {

    @Override
    public Response toResponse(JsonException e) {
        return ApiErrors.response(Response.Status.BAD_REQUEST, "Bad JSON: " + e.getMessage());
    }
}
