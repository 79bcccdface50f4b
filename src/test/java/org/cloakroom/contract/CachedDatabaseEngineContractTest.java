package org.cloakroom.contract;

import javax.cache.CacheManager;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.config.Setting;
import org.cloakroom.internal.engine.DatabaseEngine;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.testing.Engines;
import org.cloakroom.testing.TestCaches;
import org.cloakroom.testing.TestDatabase;

/** The whole contract on the {@code cached_db} engine: Caffeine's JCache in front of the test database. */
class CachedDatabaseEngineContractTest extends SessionContract {

    private static final CacheManager CACHES = TestCaches.caffeine();
    private static final String ALIAS = TestCaches.uniqueName("cached-db-contract");

    @Override
    protected SessionEngine createEngine(SessionSettings settings) {
        SessionSettings s = settings.toBuilder().set(Setting.SESSION_CACHE_ALIAS, ALIAS).build();
        return Engines.cachedDatabase(new DatabaseEngine(TestDatabase.factory(), s.cleanup(), s.clock()), s, CACHES);
    }

    @Override
    protected void clearStorage() {
        TestDatabase.clear();
        TestCaches.clear(CACHES, ALIAS);
    }

    @Override
    protected boolean findsSessionsByUser() {
        return true;
    }
}
