package org.cloakroom.demo;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.cloakroom.UnstorableValueException;

/** A value the session refuses (JSON nested deeper than the session stores, say) is a 400 too. */
@Provider
public class UnstorableValueMapper implements ExceptionMapper<UnstorableValueException> {

    @Override
    public Response toResponse(UnstorableValueException e) {
        return ApiErrors.response(Response.Status.BAD_REQUEST, e.getMessage());
    }
}
