package org.cloakroom.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import org.cloakroom.persistence.SessionDatabase;

/** In Weld SE tests, stands in for the container's persistence unit. */
@ApplicationScoped
public class TestDatabaseProducer {

    @Produces
    @SessionDatabase
    EntityManagerFactory factory() {
        return TestDatabase.factory();
    }
}
