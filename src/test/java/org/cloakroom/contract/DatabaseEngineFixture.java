package org.cloakroom.contract;

import org.cloakroom.config.SessionSettings;
import org.cloakroom.engine.DatabaseEngine;
import org.cloakroom.engine.SessionEngine;
import org.cloakroom.testing.TestDatabase;

/** The fixture for tests of the {@code db} engine beyond the contract (statement counts, middleware rules). */
public abstract class DatabaseEngineFixture extends ContractFixture {

    @Override
    protected SessionEngine createEngine(SessionSettings settings) {
        return new DatabaseEngine(TestDatabase.factory(), settings);
    }

    @Override
    protected void clearStorage() {
        TestDatabase.clear();
    }
}
