package org.cloakroom.bench;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code plain} plus 25 µs of busy work and no session: what a fixed amount of extra request work
 * costs this server, to read the session's ratios against (on WildFly's defaults the I/O threads
 * burn CPU for as long as a request runs, so a µs of request work costs more than a µs).
 */
@Path("busy")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class BusyResource {

    private static final long BUSY_NANOS = 25_000;

    @GET
    public String busy() {
        long end = System.nanoTime() + BUSY_NANOS;
        long spins = 0;
        while (System.nanoTime() < end) {
            spins++;
        }
        // Uses the count, so that the loop cannot be removed as dead code.
        return spins >= 0 ? "ok" : "";
    }
}
