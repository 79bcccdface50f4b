package org.cloakroom.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;

/** Produces the factory of Cloakroom's own persistence unit, on the server's default datasource. */
@ApplicationScoped
class DefaultSessionDatabase {

    /** The persistence unit name in this jar's {@code META-INF/persistence.xml}. */
    public static final String UNIT = "cloakroom";

    @Produces
    @SessionDatabase
    @PersistenceUnit(unitName = UNIT)
    EntityManagerFactory factory;
}
