package org.cloakroom.contract;

import org.cloakroom.config.SessionSettings;
import org.cloakroom.internal.engine.DatabaseEngine;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.testing.TestDatabase;

/**
 * The fixture for tests of the {@code db} engine beyond the contract (statement counts, middleware
 * rules). {@link DatabaseEngineContractTest} cannot extend it (it extends the contract), so the
 * wiring lives in the two static methods both use.
 */
public abstract class DatabaseEngineFixture extends ContractFixture {

    @Override
    protected SessionEngine createEngine(SessionSettings settings) {
        return databaseEngine(settings);
    }

    @Override
    protected void clearStorage() {
        clearDatabase();
    }

    /** The {@code db} engine on the test database (H2 by default; see {@link TestDatabase}). */
    static SessionEngine databaseEngine(SessionSettings settings) {
        return new DatabaseEngine(TestDatabase.factory(), settings.cleanup(), settings.clock());
    }

    static void clearDatabase() {
        TestDatabase.clear();
    }
}
