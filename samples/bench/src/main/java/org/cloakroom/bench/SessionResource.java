package org.cloakroom.bench;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.cloakroom.Session;

/** Cloakroom's session: read the three items {@link SetupResource} stored, or read them and bump a counter. */
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
@Path("")
public class SessionResource {

    @Inject
    Session session;

    @GET
    @Path("read")
    public Response read() {
        Object name = session.get(SetupResource.NAME);
        Object visits = session.get(SetupResource.VISITS);
        Object tags = session.get(SetupResource.TAGS);
        if (name == null || visits == null || !(tags instanceof List<?> list)) {
            return SetupResource.noSession();
        }
        return Response.ok(name + " " + visits + " " + list.size()).build();
    }

    @POST
    @Path("write")
    public Response write() {
        Object name = session.get(SetupResource.NAME);
        Object counter = session.get(SetupResource.COUNTER);
        if (name == null || !(counter instanceof Number n)) {
            return SetupResource.noSession();
        }
        int next = n.intValue() + 1;
        session.put(SetupResource.COUNTER, next);
        return Response.ok(name + " " + next).build();
    }
}
