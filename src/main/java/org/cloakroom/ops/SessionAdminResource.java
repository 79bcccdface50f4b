package org.cloakroom.ops;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.OptionalLong;

/**
 * The admin operations over HTTP, under the application's JAX-RS root: {@code cloakroom/admin}.
 * Off unless {@code SESSION_ADMIN_ROLE} names a role (404 to everyone); then 401 without a caller
 * and 403 for a caller without that role. Keys travel in request bodies, never in URLs (which
 * access logs keep), and a state-changing request from another origin is refused.
 */
@RequestScoped
@Path("cloakroom/admin")
@Produces(MediaType.APPLICATION_JSON)
public class SessionAdminResource {

    @Inject
    SessionAdministration admin;

    @Context
    HttpServletRequest request;

    /** The metrics and the live count. */
    @GET
    public String summary() {
        allow(false);
        return AdminJson.summary(admin.engineName(), admin.liveSessions(), admin.metrics());
    }

    @GET
    @Path("sessions/count")
    public Response count() {
        allow(false);
        OptionalLong live = admin.liveSessions();
        return live.isPresent() ? Response.ok(AdminJson.count("liveSessions", live.getAsLong())).build()
                : refused(501, admin.engineName() + " cannot count its sessions");
    }

    /** The session whose key is the request body (text/plain). */
    @POST
    @Path("sessions/inspect")
    @Consumes(MediaType.TEXT_PLAIN)
    public Response inspect(String key) {
        allow(true);
        return admin.inspect(key.strip()).map(s -> Response.ok(AdminJson.inspected(s)).build())
                .orElseGet(() -> refused(404, "no session under that key"));
    }

    /** Deletes the session whose key is the request body (text/plain). */
    @POST
    @Path("sessions/delete")
    @Consumes(MediaType.TEXT_PLAIN)
    public Response delete(String key) {
        allow(true);
        return admin.delete(key.strip()) ? Response.noContent().build() : refused(404, "no session under that key");
    }

    @DELETE
    @Path("users/{principal}/sessions")
    public Response deleteSessionsOf(@PathParam("principal") String principal) {
        allow(true);
        try {
            return Response.ok(AdminJson.count("deleted", admin.deleteSessionsOf(principal))).build();
        } catch (UnsupportedOperationException e) {
            return refused(501, e.getMessage());
        }
    }

    @POST
    @Path("clear-expired")
    public String clearExpired() {
        allow(true);
        return AdminJson.count("removed", admin.clearExpired());
    }

    private void allow(boolean changes) {
        if (admin.adminRole().isEmpty()) {
            throw new WebApplicationException(refused(404, "not found"));
        }
        if (request.getUserPrincipal() == null) {
            throw new WebApplicationException(refused(401, "log in first"));
        }
        if (!request.isUserInRole(admin.adminRole().get())) {
            throw new WebApplicationException(refused(403, "the caller lacks the admin role"));
        }
        if (changes && !sameOrigin()) {
            throw new WebApplicationException(refused(403, "a change must come from this application's own origin"));
        }
    }

    /**
     * A browser names the origin of a request a page makes; a page elsewhere must not act with the
     * admin's cookie. Compared by host with the {@code Host} the request was sent to: behind a
     * proxy that ends TLS, scheme and port differ from the server's own.
     */
    private boolean sameOrigin() {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        try {
            String host = URI.create(origin).getHost();
            return host != null && host.equalsIgnoreCase(request.getServerName());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Response refused(int status, String why) {
        return Response.status(status).type(MediaType.TEXT_PLAIN).entity(why + "\n").build();
    }
}
