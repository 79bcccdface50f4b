package org.cloakroom.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.Optional;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.spi.CreateException;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.UpdateException;
import org.cloakroom.testing.InMemoryEngine;

/**
 * An engine whose storage can be taken down and brought back by a test ({@link OutageSwitch}):
 * while down, every call fails as a JPA engine does when its database refuses connections.
 */
@ApplicationScoped
public class FlakyEngine extends InMemoryEngine {

    static volatile boolean down;

    protected FlakyEngine() {
    }

    @Inject
    public FlakyEngine(SessionSettings settings) {
        super(settings);
    }

    private static void reachable() {
        if (down) {
            throw new PersistenceException("Unable to acquire JDBC Connection",
                    new SQLTransientConnectionException("Connection to 127.0.0.1:5432 refused"));
        }
    }

    @Override
    public Optional<Loaded> loadVersioned(String key) {
        reachable();
        return super.loadVersioned(key);
    }

    @Override
    public boolean exists(String key) {
        reachable();
        return super.exists(key);
    }

    @Override
    public String save(String key, String data, Instant expireDate, boolean mustCreate)
            throws CreateException, UpdateException {
        reachable();
        return super.save(key, data, expireDate, mustCreate);
    }

    @Override
    public Optional<String> replace(String key, Loaded expected, String data, Instant expireDate) throws UpdateException {
        reachable();
        return super.replace(key, expected, data, expireDate);
    }

    @Override
    public void delete(String key) {
        reachable();
        super.delete(key);
    }
}
