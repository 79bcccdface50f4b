package org.cloakroom.bench;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The floor: a JAX-RS request that does nothing (Cloakroom's filter still runs, as on every URL). */
@Path("plain")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class PlainResource {

    @GET
    public String plain() {
        return "ok";
    }
}
