package org.cloakroom.bench;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.cloakroom.Session;

/**
 * Gives the caller a session with the same three small items and a counter in both Cloakroom's
 * session and the HttpSession, so that one pair of cookies ({@code sessionid}, {@code JSESSIONID})
 * serves every endpoint of the WAR.
 */
@Path("setup")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class SetupResource {

    static final String NAME = "name";
    static final String VISITS = "visits";
    static final String TAGS = "tags";
    static final String COUNTER = "counter";

    @Inject
    Session session;

    @Context
    HttpServletRequest request;

    @POST
    public String setup() {
        session.put(NAME, "alice");
        session.put(VISITS, 3);
        session.put(TAGS, List.of("red", "green", "blue"));
        session.put(COUNTER, 0);

        HttpSession http = request.getSession(true);
        http.setAttribute(NAME, "alice");
        http.setAttribute(VISITS, 3);
        http.setAttribute(TAGS, new ArrayList<>(List.of("red", "green", "blue")));
        http.setAttribute(COUNTER, 0);
        return "ok";
    }

    /** 412: the request did not carry the session that setup created (the benchmark counts it as an error). */
    static Response noSession() {
        return Response.status(Response.Status.PRECONDITION_FAILED).entity("no session").build();
    }
}
