package org.cloakroom.demo;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import org.cloakroom.Session;
import org.cloakroom.SessionStore;
import org.cloakroom.SessionSummary;

/**
 * Logging in with Jakarta Security, remembered in the Cloakroom session (see {@link DemoLoginMechanism}),
 * and the member's sessions with "log out everywhere else".
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class LoginResource {

    @Inject
    SecurityContext security;

    @Inject
    Session session;

    @Inject
    SessionStore store;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    /** {@code {"username": "...", "password": "..."}}: 200 and a new session key, or 401. */
    @POST
    @Path("login")
    public Response login(String body) {
        JsonObject form = JsonValues.parseObject(body);
        if (!(form.get("username") instanceof JsonString username) || !(form.get("password") instanceof JsonString password)) {
            throw ApiErrors.badRequest("The body must be {\"username\": \"...\", \"password\": \"...\"}");
        }
        AuthenticationStatus status = security.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(username.getString(), password.getString()))
                .newAuthentication(true));
        if (status != AuthenticationStatus.SUCCESS) {
            return ApiErrors.response(Response.Status.UNAUTHORIZED, "Unknown username or wrong password.");
        }
        return Response.ok(Json.createObjectBuilder().add("user", username.getString())
                .add("message", "You're logged in as " + username.getString() + ".").build()).build();
    }

    /** Flushes the session (through the mechanism's logout): the row and the cookie go. */
    @POST
    @Path("logout")
    public Response logout() throws ServletException {
        request.logout();
        return Response.noContent().build();
    }

    /** The caller's sessions: {@code [{"id", "current", "expires"}]}; 401 when anonymous. */
    @GET
    @Path("sessions")
    public Response sessions() {
        Principal caller = caller();
        JsonArrayBuilder list = Json.createArrayBuilder();
        try {
            for (SessionSummary s : store.sessionsOf(caller.getName(), session)) {
                list.add(Json.createObjectBuilder().add("id", s.id()).add("current", s.current())
                        .add("expires", s.expires().toString()));
            }
        } catch (UnsupportedOperationException e) {
            return ApiErrors.response(Response.Status.NOT_IMPLEMENTED, e.getMessage());
        }
        JsonArray array = list.build();
        return Response.ok(array).build();
    }

    @POST
    @Path("sessions/logout-others")
    public Response logoutOthers() {
        try {
            store.deleteSessionsOf(caller().getName(), session);
        } catch (UnsupportedOperationException e) {
            return ApiErrors.response(Response.Status.NOT_IMPLEMENTED, e.getMessage());
        }
        return Response.noContent().build();
    }

    /** The servlet request's user: WildFly's SecurityContext names an unauthenticated caller "anonymous". */
    private Principal caller() {
        Principal caller = request.getUserPrincipal();
        if (caller == null) {
            throw ApiErrors.error(Response.Status.UNAUTHORIZED, "Log in first.");
        }
        return caller;
    }
}
