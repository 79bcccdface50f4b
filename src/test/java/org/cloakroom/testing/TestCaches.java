package org.cloakroom.testing;

import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;

/**
 * JCache for the server-less tests: Caffeine's in-process provider, named explicitly because Redisson
 * is a provider on the test class path too. Each test class takes its own cache name.
 */
public final class TestCaches {

    private static final String CAFFEINE = "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";

    private TestCaches() {
    }

    public static CacheManager caffeine() {
        return Caching.getCachingProvider(CAFFEINE).getCacheManager();
    }

    /** A cache name no other test (or earlier run, for a shared server) uses. */
    public static String uniqueName(String purpose) {
        return "cloakroom-test-" + purpose + "-" + UUID.randomUUID();
    }

    /** Empties the named cache, if an engine has created it yet. */
    public static void clear(CacheManager manager, String name) {
        Cache<Object, Object> cache = manager.getCache(name);
        if (cache != null) {
            cache.clear();
        }
    }
}
