package org.cloakroom.bench.pg;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import org.cloakroom.persistence.SessionDatabase;

/**
 * Only in bench-db_pg.war: Cloakroom's sessions in the unit {@code bench-pg} (src/db_pg/persistence.xml),
 * on the PostgreSQL datasource `run` adds to the server.
 *
 * <p>{@code @Alternative @Priority} are on the class, which makes its producer an enabled alternative
 * under CDI 4.0. On the producer field alone, as README "Your own datasource or persistence unit"
 * shows, WildFly 38 ignored them: the deployment kept Cloakroom's default unit without a warning.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class PostgresSessionDatabase {

    @Produces
    @SessionDatabase
    @PersistenceUnit(unitName = "bench-pg")
    EntityManagerFactory sessions;
}
