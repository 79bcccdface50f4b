package org.cloakroom.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.cloakroom.Session;
import org.cloakroom.SessionStore;
import org.cloakroom.event.LoggedIn;
import org.cloakroom.event.LoggedOut;
import org.cloakroom.event.SessionKeyCycled;

/** Logging in and out, and a caller's sessions, as an application's resource would offer them. */
@Path("auth")
@ApplicationScoped
public class LoginEndpoints {

    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @Inject
    SecurityContext security;

    @Inject
    Session session;

    @Inject
    SessionStore store;

    @POST
    @Path("login")
    public Response login(@FormParam("username") String username, @FormParam("password") String password,
            @Context HttpServletRequest request, @Context HttpServletResponse response) {
        AuthenticationStatus status = security.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(username, password)).newAuthentication(true));
        return status == AuthenticationStatus.SUCCESS ? Response.ok(username).build()
                : Response.status(401).entity("Wrong username or password").build();
    }

    @POST
    @Path("logout")
    public Response logout(@Context HttpServletRequest request) throws ServletException {
        request.logout();
        return Response.noContent().build();
    }

    /**
     * The caller as the container knows them on this request, and their groups. WildFly names an
     * unauthenticated caller "anonymous" here (the servlet request's user principal is null).
     */
    @GET
    @Path("whoami")
    public String whoami() {
        Principal caller = security.getCallerPrincipal();
        return caller == null ? "anonymous" : caller.getName() + (security.isCallerInRole("member") ? " (member)" : "");
    }

    /** Protected by the test WAR's security constraint: only members reach it. */
    @GET
    @Path("members-only")
    public String membersOnly(@Context HttpServletRequest request) {
        return "welcome " + request.getUserPrincipal().getName();
    }

    @GET
    @Path("sessions")
    public Response sessions(@Context HttpServletRequest request) {
        Principal caller = request.getUserPrincipal();
        if (caller == null) {
            return Response.status(401).build();
        }
        return Response.ok(store.sessionsOf(caller.getName(), session).stream()
                .map(s -> (s.current() ? "*" : "") + s.id()).collect(Collectors.joining(","))).build();
    }

    @POST
    @Path("sessions/logout-others")
    public Response logoutOthers(@Context HttpServletRequest request) {
        Principal caller = request.getUserPrincipal();
        if (caller == null) {
            return Response.status(401).build();
        }
        return Response.ok(String.valueOf(store.deleteSessionsOf(caller.getName(), session))).build();
    }

    /** Changes a member's password, as an admin page would (no login needed here). */
    @POST
    @Path("password")
    public String changePassword(@FormParam("username") String username, @FormParam("password") String password) {
        ItMembers.PASSWORDS.put(username, password);
        return "changed";
    }

    @GET
    @Path("validations")
    public String validations() {
        return String.valueOf(ItMembers.VALIDATIONS.get());
    }

    @GET
    @Path("events")
    public String events() {
        return String.join("\n", EVENTS);
    }

    void loggedIn(@Observes LoggedIn e) {
        EVENTS.add("logged in " + e.principal() + " " + e.id());
    }

    void loggedOut(@Observes LoggedOut e) {
        EVENTS.add("logged out " + e.principal() + " " + e.id());
    }

    void cycled(@Observes SessionKeyCycled e) {
        EVENTS.add("cycled " + e.formerId() + " " + e.id());
    }
}
