package org.cloakroom.testing;

import jakarta.persistence.EntityManagerFactory;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.internal.engine.CacheEngine;
import org.cloakroom.internal.engine.CachedDatabaseEngine;
import org.cloakroom.internal.engine.DatabaseEngine;
import org.cloakroom.internal.engine.FileEngine;
import org.cloakroom.internal.engine.SignedCookieEngine;

/** The built-in engines from a whole settings object, each given the groups it takes, as CDI gives them. */
public final class Engines {

    private Engines() {
    }

    public static DatabaseEngine database(EntityManagerFactory factory, SessionSettings settings) {
        return new DatabaseEngine(factory, settings.cleanup(), settings.clock());
    }

    public static CacheEngine cache(SessionSettings settings, Object cacheManager) {
        return new CacheEngine(settings.cache(), settings.clock(), cacheManager);
    }

    public static CachedDatabaseEngine cachedDatabase(DatabaseEngine database, SessionSettings settings, Object cacheManager) {
        return new CachedDatabaseEngine(database, settings.cache(), settings.clock(), cacheManager);
    }

    public static FileEngine file(SessionSettings settings) {
        return new FileEngine(settings.file(), settings.clock());
    }

    public static SignedCookieEngine signedCookies(SessionSettings settings) {
        return new SignedCookieEngine(settings.keys(), settings.cookie(), settings.clock());
    }
}
