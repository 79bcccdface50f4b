package org.cloakroom.contract;

import org.cloakroom.config.SessionSettings;
import org.cloakroom.engine.DatabaseEngine;
import org.cloakroom.engine.SessionEngine;
import org.cloakroom.testing.TestDatabase;

/** The whole contract on the {@code db} engine (H2 by default; see {@link TestDatabase}). */
class DatabaseEngineContractTest extends SessionContract {

    @Override
    protected SessionEngine createEngine(SessionSettings settings) {
        return new DatabaseEngine(TestDatabase.factory(), settings);
    }

    @Override
    protected void clearStorage() {
        TestDatabase.clear();
    }

    @Override
    protected boolean findsSessionsByUser() {
        return true;
    }
}
