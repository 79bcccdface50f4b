package org.cloakroom.bench;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.cloakroom.Session;

/** A resource that injects the session and never uses it: what the injection alone costs. */
@Path("untouched")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class UntouchedResource {

    @Inject
    Session session;

    @GET
    public String untouched() {
        return "ok";
    }
}
