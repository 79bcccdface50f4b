package org.cloakroom.it;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.cloakroom.SessionStore;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;

/** Lets the tests look at the server's database without touching the session. */
@Path("probe")
public class Probe {

    @PersistenceUnit(unitName = "cloakroom")
    EntityManagerFactory sessions;

    @Inject
    SessionStore store;

    /** How many SQL statements the session unit has prepared so far. */
    @GET
    @Path("statements")
    public String statements() {
        Statistics stats = sessions.unwrap(SessionFactory.class).getStatistics();
        stats.setStatisticsEnabled(true);
        return String.valueOf(stats.getPrepareStatementCount());
    }

    /** How many rows the session table holds, expired or not. */
    @GET
    @Path("rows")
    public String rows() {
        var em = sessions.createEntityManager();
        try {
            return String.valueOf(em.createQuery("select count(s) from CloakroomSession s", Long.class).getSingleResult());
        } finally {
            em.close();
        }
    }

    @GET
    @Path("exists/{key}")
    public String exists(@PathParam("key") String key) {
        return String.valueOf(store.exists(key));
    }
}
