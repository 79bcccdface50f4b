package org.cloakroom.testing;

import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.FactoryBuilder;

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

    /**
     * {@link #caffeine()}, except that each cache created through it tells time by {@code clock}, so that a
     * test of the provider's own expiry moves time by hand instead of sleeping against Caffeine's wall
     * clock. The configuration the caller asks for is otherwise kept: Caffeine's JCache has no ticker
     * setting for a cache created with a plain {@code MutableConfiguration}, only in its own
     * {@link CaffeineConfiguration}, so the request is copied into one.
     */
    public static CacheManager caffeine(Clock clock) {
        CacheManager shared = caffeine();
        Ticker ticker = () -> {
            Instant now = clock.instant();
            return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        };
        return (CacheManager) Proxy.newProxyInstance(TestCaches.class.getClassLoader(), new Class<?>[] {CacheManager.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("createCache")) {
                        var timed = new CaffeineConfiguration<>((CompleteConfiguration<?, ?>) args[1]);
                        timed.setTickerFactory(new FactoryBuilder.SingletonFactory<>(ticker));
                        args[1] = timed;
                    }
                    try {
                        return method.invoke(shared, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
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
