package org.cloakroom.it;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.cloakroom.Session;

/** The example, verbatim: what a user writes. */
@Path("comments")
public class Comments {

    @Inject
    Session session;

    @POST
    public String post(String text) {
        if (Boolean.TRUE.equals(session.get("has_commented"))) {
            return "You've already commented.";
        }
        session.put("has_commented", true);
        return "Thanks for your comment!";
    }
}
