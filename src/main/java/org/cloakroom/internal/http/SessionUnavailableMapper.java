package org.cloakroom.internal.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.cloakroom.SessionUnavailableException;

/**
 * For JAX-RS applications: a resource that touched its session while the session store is down
 * answers 503 with {@code Retry-After}, as the filter answers servlets, instead of the runtime's
 * 500 and stack trace. Found by the runtime's scan of the application's libraries; an application
 * that lists its classes in {@code Application.getClasses()} lists this one too.
 */
@Provider
public class SessionUnavailableMapper implements ExceptionMapper<SessionUnavailableException> {

    @Override
    public Response toResponse(SessionUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header("Retry-After", SessionResponse.RETRY_AFTER_SECONDS)
                .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity("Service unavailable: the session store cannot be reached. Retry shortly.\n")
                .build();
    }
}
