package org.cloakroom.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import org.cloakroom.config.SessionConfigurationException;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.config.Setting;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.spi.SessionKeys;
import org.cloakroom.spi.UpdateException;
import org.cloakroom.testing.Engines;
import org.cloakroom.testing.MutableClock;
import org.cloakroom.testing.SqlCounter;
import org.cloakroom.testing.TestCaches;
import org.cloakroom.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the {@code cached_db} engine guarantees beyond the contract: Caffeine's JCache in front of the test database. */
class CachedDatabaseEngineTest {

    private static final String DATA = "{\"user\":7}";

    private final CacheManager caches = TestCaches.caffeine();
    private final String alias = TestCaches.uniqueName("cached-db-engine");
    private final MutableClock clock = MutableClock.startingNow();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger log = Logger.getLogger(CachedDatabaseEngine.class.getName());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private SessionSettings settings;
    private CachedDatabaseEngine engine;

    @BeforeEach
    void setUp() {
        TestDatabase.clear();
        settings = SessionSettings.builder().clock(clock).set(Setting.SESSION_CACHE_ALIAS, alias).build();
        engine = engineOn(caches);
        log.addHandler(handler);
        // The failures these tests cause on purpose are asserted, not printed.
        log.setUseParentHandlers(false);
    }

    @AfterEach
    void tearDown() {
        log.removeHandler(handler);
        log.setUseParentHandlers(true);
        caches.destroyCache(alias);
    }

    private CachedDatabaseEngine engineOn(CacheManager manager) {
        return Engines.cachedDatabase(new DatabaseEngine(TestDatabase.factory(), settings.cleanup(), settings.clock()), settings, manager);
    }

    private Cache<String, String> cache() {
        return caches.getCache(alias);
    }

    /** Whether the cache holds a copy of the session (a deleted session's entry is only a marker). */
    private boolean cached(String key) {
        Object entry = cache().get(CachedDatabaseEngine.KEY_PREFIX + SessionKeys.storageId(key));
        return entry != null && !entry.toString().contains(":" + Long.MAX_VALUE + ":");
    }

    private Instant inSeconds(long seconds) {
        return clock.instant().plusSeconds(seconds);
    }

    private String stored(SessionEngine e) throws Exception {
        return e.save(e.newKey(), DATA, inSeconds(60), true);
    }

    private static long rows(String key) {
        var em = TestDatabase.factory().createEntityManager();
        try {
            return em.createQuery("select count(s) from CloakroomSession s where s.sessionKey = :key", Long.class)
                    .setParameter("key", SessionKeys.storageId(key)).getSingleResult();
        } finally {
            em.close();
        }
    }

    @Test
    void everyWriteGoesToTheDatabaseAndToTheCache() throws Exception {
        String key = stored(engine);
        assertEquals(1, rows(key));
        assertTrue(cached(key));
        assertTrue(engine.replace(key, engine.loadVersioned(key).orElseThrow(), "{\"user\":8}", inSeconds(60)).isPresent());
        assertTrue(cache().get(CachedDatabaseEngine.KEY_PREFIX + SessionKeys.storageId(key)).endsWith(":1:{\"user\":8}"), "the row's version travels with the data");
        assertEquals("{\"user\":8}", new DatabaseEngine(TestDatabase.factory(), settings.cleanup(), settings.clock()).load(key).orElseThrow());
        engine.save(key, "{\"user\":9}", inSeconds(60), false);
        assertFalse(cached(key), "an overwrite without compare drops the entry, whose new version it does not know");
        assertEquals("{\"user\":9}", engine.load(key).orElseThrow());
    }

    @Test
    void aCacheHitRunsNoSql() throws Exception {
        String key = stored(engine);
        SqlCounter.reset();
        assertEquals(DATA, engine.load(key).orElseThrow());
        assertTrue(engine.exists(key));
        assertEquals(0, SqlCounter.total(), String.join("\n", SqlCounter.statements()));
    }

    @Test
    void aSessionTheCacheLostIsReadFromTheDatabaseAndCachedAgainForItsRemainingLife() throws Exception {
        Instant expires = inSeconds(60);
        String key = engine.save(engine.newKey(), DATA, expires, true);
        cache().remove(CachedDatabaseEngine.KEY_PREFIX + SessionKeys.storageId(key));
        SqlCounter.reset();
        assertEquals(DATA, engine.load(key).orElseThrow());
        assertEquals(1, SqlCounter.count("select"));
        assertEquals(expires.toEpochMilli() + ":0:" + DATA, cache().get(CachedDatabaseEngine.KEY_PREFIX + SessionKeys.storageId(key)));
        SqlCounter.reset();
        assertEquals(DATA, engine.load(key).orElseThrow());
        assertEquals(0, SqlCounter.total());
    }

    @Test
    void deleteRemovesTheSessionFromBoth() throws Exception {
        String key = stored(engine);
        engine.delete(key);
        assertEquals(0, rows(key));
        assertFalse(cached(key));
        assertEquals(Optional.empty(), engine.load(key));
    }

    @Test
    void updatingASessionDeletedFromTheDatabaseFailsAndDropsTheCachedCopy() throws Exception {
        String key = stored(engine);
        TestDatabase.execute("delete from cloakroom_session where session_key = ?", SessionKeys.storageId(key));
        assertThrows(UpdateException.class, () -> engine.save(key, "{\"user\":7,\"b\":2}", inSeconds(60), false));
        assertFalse(cached(key), "a session deleted elsewhere must not live on in the cache");
        assertEquals(Optional.empty(), engine.load(key));
    }

    @Test
    void anExpiredCachedCopyIsNotServedAndTheDatabaseAgrees() throws Exception {
        String key = stored(engine);
        clock.advance(Duration.ofSeconds(60));
        assertEquals(Optional.empty(), engine.load(key));
        assertFalse(cached(key));
    }

    @Test
    void aRequestThatReadTheRowBeforeAnotherSavedCannotPutTheOlderRowBackInTheCache() throws Exception {
        String key = stored(engine);
        Loaded first = engine.loadVersioned(key).orElseThrow();
        DatabaseEngine.Row before = new DatabaseEngine(TestDatabase.factory(), settings.cleanup(), settings.clock()).loadRow(key).orElseThrow();
        cache().clear();
        // The slow reader missed the cache and read the row; before it writes what it read to the
        // cache, one request saves and another, which had read the same version, loses the race.
        CachedDatabaseEngine slow = Engines.cachedDatabase(new DatabaseEngine(TestDatabase.factory(), settings.cleanup(), settings.clock()) {
            @Override
            Optional<Row> loadRow(String k) {
                try {
                    assertTrue(engine.replace(k, first, "{\"user\":9}", inSeconds(60)).isPresent());
                    assertTrue(engine.replace(k, first, "{\"user\":10}", inSeconds(60)).isEmpty());
                } catch (UpdateException e) {
                    throw new AssertionError(e);
                }
                return Optional.of(before);
            }
        }, settings, caches);

        assertEquals(DATA, slow.loadVersioned(key).orElseThrow().data());

        assertEquals("{\"user\":9}", engine.load(key).orElseThrow(), "the cache serves the saved row, not the older one");
    }

    @Test
    void aRequestThatReadTheRowJustBeforeALogoutCannotPutTheDeletedSessionBackInTheCache() throws Exception {
        String key = stored(engine);
        DatabaseEngine.Row before = new DatabaseEngine(TestDatabase.factory(), settings.cleanup(), settings.clock()).loadRow(key).orElseThrow();
        cache().clear();
        // The slow reader missed the cache and read the row; before it caches what it read, the
        // visitor logs out (or is logged out everywhere else) through another request.
        CachedDatabaseEngine slow = Engines.cachedDatabase(new DatabaseEngine(TestDatabase.factory(), settings.cleanup(), settings.clock()) {
            @Override
            Optional<Row> loadRow(String k) {
                engine.delete(k);
                return Optional.of(before);
            }
        }, settings, caches);

        assertEquals(DATA, slow.loadVersioned(key).orElseThrow().data(), "the slow request itself saw the row");

        assertTrue(engine.load(key).isEmpty(), "the deleted session is not served from the cache");
        assertFalse(engine.exists(key));
        assertThrows(UpdateException.class, () -> engine.save(key, DATA, inSeconds(60), false));
    }

    @Test
    void aCacheThatFailsOnEveryCallNeverFailsARequestAndIsLogged() throws Exception {
        Cache<?, ?> failing = (Cache<?, ?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Cache.class}, (proxy, method, args) -> {
                    throw new CacheException("cache down: " + method.getName());
                });
        CacheManager manager = (CacheManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CacheManager.class}, (proxy, method, args) -> failing);
        CachedDatabaseEngine broken = engineOn(manager);

        String key = stored(broken);
        assertEquals(DATA, broken.load(key).orElseThrow());
        assertTrue(broken.exists(key));
        broken.save(key, "{\"user\":8}", inSeconds(60), false);
        assertEquals("{\"user\":8}", broken.load(key).orElseThrow());
        broken.delete(key);
        assertFalse(broken.exists(key));
        assertEquals(0, rows(key));

        assertFalse(logged.isEmpty());
        for (LogRecord r : logged) {
            assertTrue(r.getLevel().intValue() >= Level.WARNING.intValue(), r.getMessage());
        }
        assertTrue(logged.stream().anyMatch(r -> r.getThrown() instanceof CacheException
                && r.getMessage().contains("failed to write")), "the failed write is logged with its cause");
        assertTrue(logged.stream().anyMatch(r -> r.getLevel() == Level.SEVERE), "a delete the cache missed is an error");
    }

    @Test
    void aCacheThatCannotBeObtainedLeavesTheDatabaseAnsweringButFailsTheDeploymentCheck() throws Exception {
        CacheManager unreachable = (CacheManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CacheManager.class}, (proxy, method, args) -> {
                    throw new CacheException("connection refused");
                });
        CachedDatabaseEngine broken = engineOn(unreachable);
        String key = stored(broken);
        assertEquals(DATA, broken.load(key).orElseThrow());
        assertTrue(logged.stream().anyMatch(r -> r.getThrown() instanceof SessionConfigurationException));

        var e = assertThrows(SessionConfigurationException.class, broken::checkConfiguration);
        assertTrue(e.getMessage().startsWith("Invalid setting SESSION_CACHE_ALIAS (session.cache.alias)"), e.getMessage());
    }

    @Test
    void itsEntriesHaveTheirOwnNamespace() throws Exception {
        String key = stored(engine);
        assertTrue(cache().containsKey("org.cloakroom.cached_db:" + SessionKeys.storageId(key)));
        assertFalse(cache().containsKey("org.cloakroom.cached_db:" + key), "the cache never holds a cookie value");
        assertFalse(cache().containsKey(key));
        assertFalse(cache().containsKey(CacheEngine.KEY_PREFIX + SessionKeys.storageId(key)));
    }
}
