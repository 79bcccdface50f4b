package org.cloakroom.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.cloakroom.config.SessionConfigurationException;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.config.Setting;
import org.cloakroom.spi.CreateException;
import org.cloakroom.spi.SessionKeys;
import org.cloakroom.spi.UpdateException;
import org.cloakroom.testing.MutableClock;
import org.cloakroom.testing.TestCaches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the {@code cache} engine guarantees beyond the contract, on Caffeine's in-process JCache. */
class CacheEngineTest {

    private final CacheManager caches = TestCaches.caffeine();
    private final String alias = TestCaches.uniqueName("cache-engine");
    private final MutableClock clock = MutableClock.startingNow();
    private SessionSettings settings;
    private CacheEngine engine;

    @BeforeEach
    void setUp() {
        settings = SessionSettings.builder().clock(clock).set(Setting.SESSION_CACHE_ALIAS, alias).build();
        engine = new CacheEngine(settings.cache(), settings.clock(), caches);
    }

    @AfterEach
    void tearDown() {
        caches.destroyCache(alias);
    }

    private Cache<String, String> cache() {
        return caches.getCache(alias);
    }

    private Instant inSeconds(long seconds) {
        return clock.instant().plusSeconds(seconds);
    }

    /**
     * For the tests of the provider's own eviction. The other tests leave Caffeine on its wall clock, which
     * barely moves while the test clock jumps ahead, so that what they see expire is the engine's own check
     * of the expiry in the value: all there is with a provider that runs the expiry policy elsewhere.
     */
    private CacheEngine engineWhoseCacheTellsTimeByTheClock() {
        return new CacheEngine(settings.cache(), settings.clock(), TestCaches.caffeine(clock));
    }

    private boolean inCache(String key) {
        return cache().containsKey(CacheEngine.KEY_PREFIX + SessionKeys.storageId(key));
    }

    private String stored(String data, Instant expireDate) throws Exception {
        return engine.save(engine.newKey(), data, expireDate, true);
    }

    @Test
    void twoNodesRacingToCreateTheSameKeyHandItOutOnlyOnce() throws Exception {
        CacheEngine other = new CacheEngine(settings.cache(), settings.clock(), caches);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 200; round++) {
                String key = engine.newKey();
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Boolean>> results = new ArrayList<>();
                for (CacheEngine node : List.of(engine, other)) {
                    String data = "{\"node\":" + (node == engine ? 1 : 2) + "}";
                    results.add(pool.submit(() -> {
                        start.await();
                        try {
                            node.save(key, data, inSeconds(60), true);
                            return true;
                        } catch (CreateException taken) {
                            return false;
                        }
                    }));
                }
                boolean first = results.get(0).get();
                boolean second = results.get(1).get();
                assertTrue(first ^ second, "exactly one node creates the session in round " + round);
                assertEquals("{\"node\":" + (first ? 1 : 2) + "}", engine.load(key).orElseThrow());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void creatingUnderATakenKeyFailsAndKeepsTheFirstSession() throws Exception {
        String key = stored("{\"a\":1}", inSeconds(60));
        assertThrows(CreateException.class, () -> engine.save(key, "{\"a\":2}", inSeconds(60), true));
        assertEquals("{\"a\":1}", engine.load(key).orElseThrow());
    }

    @Test
    void updatingASessionThatWasDeletedFailsAndDoesNotBringItBack() throws Exception {
        String key = stored("{\"user\":7}", inSeconds(60));
        engine.delete(key);
        assertThrows(UpdateException.class, () -> engine.save(key, "{\"user\":7,\"b\":2}", inSeconds(60), false));
        assertFalse(engine.exists(key));
        assertEquals(Optional.empty(), engine.load(key));
    }

    @Test
    void anExpiredEntryIsNeverReturnedAndIsRemovedWhenLoaded() throws Exception {
        String key = stored("{\"a\":1}", inSeconds(60));
        clock.advance(Duration.ofSeconds(59));
        assertTrue(engine.load(key).isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), engine.load(key), "a session is dead at its expiry date");
        assertFalse(engine.exists(key));
        assertFalse(inCache(key));
    }

    @Test
    void aCacheTheEngineCreatesEvictsEachEntryWhenItsSessionExpires() throws Exception {
        CacheEngine onClock = engineWhoseCacheTellsTimeByTheClock();
        String shortLived = onClock.save(onClock.newKey(), "{\"a\":1}", inSeconds(60), true);
        String longLived = onClock.save(onClock.newKey(), "{\"b\":2}", inSeconds(600), true);
        clock.advance(Duration.ofSeconds(59));
        assertTrue(inCache(shortLived));
        clock.advance(Duration.ofSeconds(1));
        // Asked of the cache itself: the provider dropped the entry on time, not the engine on load.
        assertFalse(inCache(shortLived), "the cache keeps an entry no longer than its session lives");
        assertTrue(inCache(longLived), "each entry has its own session's lifetime");
    }

    @Test
    void readingDoesNotExtendTheTimeTheCacheKeepsAnEntry() throws Exception {
        CacheEngine onClock = engineWhoseCacheTellsTimeByTheClock();
        String key = onClock.save(onClock.newKey(), "{\"a\":1}", inSeconds(60), true);
        clock.advance(Duration.ofSeconds(30));
        assertTrue(onClock.load(key).isPresent());
        clock.advance(Duration.ofSeconds(30));
        assertFalse(inCache(key), "a read half-way through must not have restarted the entry's lifetime");
    }

    @Test
    void sessionsLiveUnderANamespacedKeyAsTheEncodedStringWithItsExpiry() throws Exception {
        Instant expires = inSeconds(60);
        String key = stored("{\"a\":1}", expires);
        assertEquals(expires.toEpochMilli() + ":{\"a\":1}", cache().get("org.cloakroom.cache:" + SessionKeys.storageId(key)));
        assertFalse(cache().containsKey("org.cloakroom.cache:" + key), "the cache never holds a cookie value");
        assertFalse(cache().containsKey(key), "the raw key is the application's namespace, not ours");
    }

    @Test
    void anEntryPlantedUnderTheRawKeyIsNotASession() {
        // CVE-2011-4136: another feature storing attacker-chosen data under a chosen cache key.
        engine.checkConfiguration();
        String key = engine.newKey();
        cache().put(key, inSeconds(60).toEpochMilli() + ":{\"user\":1}");
        assertEquals(Optional.empty(), engine.load(key));
        assertFalse(engine.exists(key));
    }

    @Test
    void aCacheTheApplicationConfiguredIsUsedAsItIs() throws Exception {
        Cache<String, String> own = caches.createCache(alias, new MutableConfiguration<String, String>());
        String key = stored("{\"a\":1}", inSeconds(60));
        assertSame(own, cache());
        assertTrue(own.containsKey(CacheEngine.KEY_PREFIX + SessionKeys.storageId(key)));
    }

    @Test
    void aCacheThatCannotBeObtainedFailsTheDeploymentNamingTheAlias() {
        CacheManager broken = (CacheManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CacheManager.class}, (proxy, method, args) -> {
                    throw new CacheException("no such cache");
                });
        var e = assertThrows(SessionConfigurationException.class,
                () -> new CacheEngine(settings.cache(), settings.clock(), broken).checkConfiguration());
        assertTrue(e.getMessage().startsWith("Invalid setting SESSION_CACHE_ALIAS (session.cache.alias) = '" + alias + "'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("no such cache"), e.getMessage());
    }

    @Test
    void withoutASingleDefaultProviderTheDeploymentFailsNamingTheEngineSetting() {
        // The test class path has two providers (Caffeine and Redisson), so JCache cannot pick one.
        var e = assertThrows(SessionConfigurationException.class, () -> new CacheEngine(settings.cache(), settings.clock(), (jakarta.enterprise.inject.spi.BeanManager) null).checkConfiguration());
        assertTrue(e.getMessage().startsWith("Invalid setting SESSION_ENGINE (session.engine) = 'cache'"), e.getMessage());
        assertTrue(e.getMessage().contains("javax.cache.spi.CachingProvider"), e.getMessage());
    }
    @Test
    void theDefaultCacheManagerItOpenedIsClosedWhenTheApplicationStops() throws Exception {
        // A class loader of its own, as an application has: its default manager is not the one other tests share.
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        String previousProvider = System.getProperty("javax.cache.spi.CachingProvider");
        try (URLClassLoader application = new URLClassLoader(new URL[0], getClass().getClassLoader())) {
            Thread.currentThread().setContextClassLoader(application);
            System.setProperty("javax.cache.spi.CachingProvider", "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider");
            CacheManager defaultManager = Caching.getCachingProvider().getCacheManager();
            CacheEngine own = new CacheEngine(settings.cache(), settings.clock(), (jakarta.enterprise.inject.spi.BeanManager) null);
            own.save(own.newKey(), "{}", inSeconds(60), true);
            assertFalse(defaultManager.isClosed());
            own.close();
            assertTrue(defaultManager.isClosed(), "a client provider would keep its threads and connections");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
            if (previousProvider == null) {
                System.clearProperty("javax.cache.spi.CachingProvider");
            } else {
                System.setProperty("javax.cache.spi.CachingProvider", previousProvider);
            }
        }
        assertFalse(caches.isClosed());
    }

    @Test
    void aCacheManagerTheApplicationGaveStaysOpenWhenTheApplicationStops() throws Exception {
        stored("{}", inSeconds(60));
        engine.close();
        assertFalse(caches.isClosed());
    }
}
