package org.cloakroom.engine;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.persistence.SessionDatabase;

/**
 * {@code SESSION_ENGINE=cached_db}: the {@code db} engine with a JCache cache in front (Django's
 * {@code cached_db} backend). Write-through: every write goes to the database, then to the cache;
 * a read uses the database only when the cache misses; a delete removes both. The database stays the
 * authority, so the cache may be a local heap cache.
 *
 * <p>The cache is found as for {@link CacheEngine} ({@code SESSION_CACHE_ALIAS}). A cache that fails
 * never fails a request: the failure is logged on this class's logger and the database answers.
 */
@ApplicationScoped
@EngineName("cached_db")
public class CachedDatabaseEngine implements SessionEngine {

    private static final Logger LOG = Logger.getLogger(CachedDatabaseEngine.class.getName());
    /** Its own namespace: never the raw key, nor the {@code cache} engine's entries (CVE-2011-4136). */
    static final String KEY_PREFIX = "org.cloakroom.cached_db:";

    private DatabaseEngine database;
    // Typed Object so CDI can inspect this class without javax.cache (see JCacheStore).
    private LazyCacheStore store;

    /** For CDI's proxies only. */
    protected CachedDatabaseEngine() {
    }

    /** The cache manager offered as a CDI bean if there is one (Payara's Hazelcast), else the default provider's. */
    @Inject
    public CachedDatabaseEngine(@SessionDatabase EntityManagerFactory factory, SessionSettings settings, BeanManager beans) {
        this(new DatabaseEngine(factory, settings), settings, ContainerCacheManager.find(beans));
    }

    /**
     * An engine on a given database engine and cache manager (tests, embedding, subclasses).
     *
     * @param cacheManager a {@code javax.cache.CacheManager}, or null for the default provider's
     */
    public CachedDatabaseEngine(DatabaseEngine database, SessionSettings settings, Object cacheManager) {
        this.database = database;
        this.store = new LazyCacheStore(cacheManager, settings, KEY_PREFIX, "cached_db");
    }

    @Override
    public Optional<String> load(String key) {
        Optional<String> cached = cached("read", s -> s.load(key), Optional.empty());
        if (cached.isPresent()) {
            return cached;
        }
        Optional<DatabaseEngine.Row> row = database.loadRow(key);
        // putIfAbsent: a newer value written through meanwhile must not be replaced by this older one.
        row.ifPresent(r -> cached("populate", s -> s.create(key, r.data(), r.expireDate()), false));
        return row.map(DatabaseEngine.Row::data);
    }

    @Override
    public boolean exists(String key) {
        return cached("check", s -> s.contains(key), false) || database.exists(key);
    }

    @Override
    public String save(String key, String data, Instant expireDate, boolean mustCreate)
            throws CreateException, UpdateException {
        try {
            database.save(key, data, expireDate, mustCreate);
        } catch (UpdateException gone) {
            // The row was deleted (a logout elsewhere): a cached copy must not keep it alive.
            tryCache("remove", s -> s.remove(key));
            throw gone;
        }
        if (!tryCache("write", s -> s.put(key, data, expireDate))) {
            // The cache may still hold the previous data; drop it so a recovered cache cannot serve it.
            tryCache("remove", s -> s.remove(key));
        }
        return key;
    }

    @Override
    public void delete(String key) {
        database.delete(key);
        if (!tryCache("remove", s -> s.remove(key))) {
            LOG.severe("A deleted session may still be served from the session cache until it expires there");
        }
    }

    @Override
    public long clearExpired() {
        return database.clearExpired();
    }

    @Override
    public void checkConfiguration() {
        database.checkConfiguration();
        CacheEngine.requireJCache("cached_db");
        store.get();
    }

    /** When the application stops: closes the default cache manager, if this engine opened it. */
    @PreDestroy
    void close() {
        store.close();
    }

    /** Runs {@code work} on the cache; a failure is logged and gives {@code fallback}. */
    private <T> T cached(String action, Function<JCacheStore, T> work, T fallback) {
        try {
            return work.apply(store.get());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The session cache failed to " + action + " an entry; the database answers", e);
            return fallback;
        }
    }

    /** Runs {@code work} on the cache; false if it failed (and was logged). */
    private boolean tryCache(String action, Consumer<JCacheStore> work) {
        return cached(action, s -> {
            work.accept(s);
            return true;
        }, false);
    }

}
