package org.cloakroom.contract;

import javax.cache.CacheManager;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.config.Setting;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.testing.Engines;
import org.cloakroom.testing.TestCaches;

/** The whole contract on the {@code cache} engine, with Caffeine's in-process JCache provider. */
class CacheEngineContractTest extends SessionContract {

    private static final CacheManager CACHES = TestCaches.caffeine();
    private static final String ALIAS = TestCaches.uniqueName("cache-contract");

    @Override
    protected SessionEngine createEngine(SessionSettings settings) {
        return Engines.cache(settings.toBuilder().set(Setting.SESSION_CACHE_ALIAS, ALIAS).build(), CACHES);
    }

    @Override
    protected void clearStorage() {
        TestCaches.clear(CACHES, ALIAS);
    }
}
