package org.cloakroom.contract;

import org.cloakroom.config.SessionSettings;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.testing.InMemoryEngine;

/** A custom engine gets the whole contract from one small class like this one. */
class InMemoryEngineContractTest extends SessionContract {

    @Override
    protected SessionEngine createEngine(SessionSettings settings) {
        return new InMemoryEngine(settings);
    }

    @Override
    protected void clearStorage() {
        // Each test builds a new engine, so its storage starts empty.
    }
}
