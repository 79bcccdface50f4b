package org.cloakroom.bench;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The datasource Cloakroom's database engines use in this WAR, for the hand-written JDBC endpoints:
 * the default datasource, or in bench-db_pg.war the PostgreSQL one ({@code bench.datasource} in the
 * WAR's microprofile-config.properties).
 */
@ApplicationScoped
public class BenchDatabase {

    @Inject
    @ConfigProperty(name = "bench.datasource", defaultValue = "java:comp/DefaultDataSource")
    String jndiName;

    private DataSource dataSource;

    @PostConstruct
    void lookUp() {
        try {
            dataSource = InitialContext.doLookup(jndiName);
        } catch (NamingException e) {
            throw new IllegalStateException("No datasource at " + jndiName, e);
        }
    }

    DataSource dataSource() {
        return dataSource;
    }
}
