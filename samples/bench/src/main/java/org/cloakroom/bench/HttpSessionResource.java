package org.cloakroom.bench;

import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The same reads and writes on the servlet container's HttpSession (WildFly's in-memory sessions). */
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
@Path("")
public class HttpSessionResource {

    @Context
    HttpServletRequest request;

    @GET
    @Path("http-read")
    public Response read() {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return SetupResource.noSession();
        }
        Object name = session.getAttribute(SetupResource.NAME);
        Object visits = session.getAttribute(SetupResource.VISITS);
        Object tags = session.getAttribute(SetupResource.TAGS);
        if (name == null || visits == null || !(tags instanceof List<?> list)) {
            return SetupResource.noSession();
        }
        return Response.ok(name + " " + visits + " " + list.size()).build();
    }

    @POST
    @Path("http-write")
    public Response write() {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return SetupResource.noSession();
        }
        Object name = session.getAttribute(SetupResource.NAME);
        if (name == null || !(session.getAttribute(SetupResource.COUNTER) instanceof Integer n)) {
            return SetupResource.noSession();
        }
        int next = n + 1;
        session.setAttribute(SetupResource.COUNTER, next);
        return Response.ok(name + " " + next).build();
    }
}
