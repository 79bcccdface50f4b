package org.cloakroom.it;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.cloakroom.Session;

/**
 * Session writes made inside the application's own JTA transaction, as a {@code @Transactional}
 * resource (or an EJB, whose methods are transactional by default) makes them: the store's writes
 * must not join, or be refused by, that transaction.
 */
@Path("in-transaction")
@Transactional
public class TransactionalEndpoints {

    @Inject
    Session session;

    @POST
    @Path("cycle-key/{name}")
    public String putAndCycleKey(@PathParam("name") String name, String value) {
        session.put(name, value);
        session.cycleKey();
        return "cycled";
    }

    @POST
    @Path("flush")
    public String flush() {
        session.flush();
        return "flushed";
    }
}
