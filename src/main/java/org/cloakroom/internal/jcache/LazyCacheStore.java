package org.cloakroom.internal.jcache;

import java.time.Clock;
import org.cloakroom.config.CacheSettings;
import org.cloakroom.config.Setting;

/**
 * Opens a cache engine's {@link JCacheStore} on first use and closes it when the application stops,
 * so that the engine classes themselves never touch javax.cache (CDI inspects them in deployments
 * without it).
 */
public final class LazyCacheStore {

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
    public LazyCacheStore(Object cacheManager, CacheSettings settings, Clock clock, String prefix, String engine) {
        this.cacheManager = cacheManager;
        this.settings = settings;
        this.clock = clock;
        this.prefix = prefix;
        this.engine = engine;
    }

    public JCacheStore get() {
        JCacheStore s = store;
        if (s == null) {
            synchronized (this) {
                s = store;
                if (s == null) {
                    requireJCache(engine);
                    s = JCacheStore.open(cacheManager, settings, clock, prefix, engine);
                    store = s;
                }
            }
        }
        return s;
    }

    /** Closes the default cache manager, if the store opened it. */
    public void close() {
        JCacheStore s = store;
        if (s != null) {
            s.close();
        }
    }

    /** Fails, naming {@code SESSION_ENGINE}, when the application has no JCache API to use. */
    public static void requireJCache(String engine) {
        try {
            Class.forName("javax.cache.Caching", false, LazyCacheStore.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw Setting.SESSION_ENGINE.invalid(engine, "the JCache API (javax.cache) is not available. Add a JCache provider (Caffeine,"
                    + " Ehcache, Infinispan, Hazelcast, Redisson...) and javax.cache:cache-api to the application", e);
        }
    }
}
