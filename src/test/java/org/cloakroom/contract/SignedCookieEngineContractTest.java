package org.cloakroom.contract;

import org.cloakroom.config.SessionSettings;
import org.cloakroom.config.Setting;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.testing.Engines;

/** The whole contract on the {@code signed_cookies} engine, which keeps nothing on the server. */
class SignedCookieEngineContractTest extends SessionContract {

    static final String SECRET = "contract-test-secret-key-0123456789abcdef";

    @Override
    protected SessionEngine createEngine(SessionSettings settings) {
        return Engines.signedCookies(settings.toBuilder().set(Setting.SECRET_KEY, SECRET).build());
    }

    @Override
    protected void clearStorage() {
    }

    @Override
    protected boolean storesServerSide() {
        return false;
    }
}
