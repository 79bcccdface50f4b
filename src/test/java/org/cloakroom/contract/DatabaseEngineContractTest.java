package org.cloakroom.contract;

import org.cloakroom.config.SessionSettings;
import org.cloakroom.spi.SessionEngine;

/** The whole contract on the {@code db} engine, wired as {@link DatabaseEngineFixture} wires it. */
class DatabaseEngineContractTest extends SessionContract {

    @Override
    protected SessionEngine createEngine(SessionSettings settings) {
        return DatabaseEngineFixture.databaseEngine(settings);
    }

    @Override
    protected void clearStorage() {
        DatabaseEngineFixture.clearDatabase();
    }

    @Override
    protected boolean findsSessionsByUser() {
        return true;
    }
}
