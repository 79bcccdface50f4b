package org.cloakroom.engine;

import java.time.Clock;
import org.cloakroom.config.CacheSettings;

/**
 * Opens a cache engine's {@link JCacheStore} on first use and closes it when the application stops,
 * so that the engine classes themselves never touch javax.cache (CDI inspects them in deployments
 * without it).
 */
final class LazyCacheStore {

    private final Object cacheManager;
    private final CacheSettings settings;
    private final Clock clock;
    private final String prefix;
    private final String engine;
    private volatile JCacheStore store;

    /**
     * @param cacheManager a {@code javax.cache.CacheManager}, or null for the default provider's
     * @param engine       the {@code SESSION_ENGINE} name, for error messages
     */
    LazyCacheStore(Object cacheManager, CacheSettings settings, Clock clock, String prefix, String engine) {
        this.cacheManager = cacheManager;
        this.settings = settings;
        this.clock = clock;
        this.prefix = prefix;
        this.engine = engine;
    }

    JCacheStore get() {
        JCacheStore s = store;
        if (s == null) {
            synchronized (this) {
                s = store;
                if (s == null) {
                    CacheEngine.requireJCache(engine);
                    s = JCacheStore.open(cacheManager, settings, clock, prefix, engine);
                    store = s;
                }
            }
        }
        return s;
    }

    /** Closes the default cache manager, if the store opened it. */
    void close() {
        JCacheStore s = store;
        if (s != null) {
            s.close();
        }
    }
}
