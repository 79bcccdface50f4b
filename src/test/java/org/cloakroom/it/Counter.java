package org.cloakroom.it;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.cloakroom.Session;

/** A per-session counter: the two-node tests count what each visitor's session went through. */
@Path("counter")
public class Counter {

    @Inject
    Session session;

    /** Adds one and answers the new count. */
    @POST
    public String increment() {
        int count = ((Number) session.getOrDefault("count", 0)).intValue() + 1;
        session.put("count", count);
        return String.valueOf(count);
    }

    @GET
    public String count() {
        return String.valueOf(session.getOrDefault("count", 0));
    }
}
