package org.cloakroom.internal.engine;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.cloakroom.SessionSummary;
import org.cloakroom.config.CacheSettings;
import org.cloakroom.config.CleanupSettings;
import org.cloakroom.config.EngineNames;
import org.cloakroom.config.SessionClock;
import org.cloakroom.event.SessionsExpired;
import org.cloakroom.internal.jcache.ContainerCacheManager;
import org.cloakroom.internal.jcache.JCacheStore;
import org.cloakroom.internal.jcache.LazyCacheStore;
import org.cloakroom.persistence.SessionDatabase;
import org.cloakroom.spi.CreateException;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.spi.UpdateException;

/**
 * {@code SESSION_ENGINE=cached_db}: the {@code db} engine with a JCache cache in front (Django's
 * {@code cached_db} backend). Write-through: every write goes to the database, then to the cache;
 * a read uses the database only when the cache misses; a delete removes the row and marks the cached
 * entry deleted for a few minutes, so that a request that read the row just before (a logout racing
 * a page load) cannot cache it again. The database stays the authority; a local heap cache serves a
 * session changed or deleted on another node until the entry expires.
 *
 * <p>The database also decides every compare-and-set: a cached entry carries the row's version with
 * the data, an update checks that version in the database, and an update that loses the race
 * drops the cached entry so that the merge reads the database.
 *
 * <p>The cache is found as for {@link CacheEngine} ({@code SESSION_CACHE_ALIAS}). A cache that fails
 * never fails a request: the failure is logged on this class's logger and the database answers.
 */
@ApplicationScoped
@EngineName(EngineNames.CACHED_DB)
public class CachedDatabaseEngine implements SessionEngine {

    private static final Logger LOG = Logger.getLogger(CachedDatabaseEngine.class.getName());
    /** Its own namespace: never the raw key, nor the {@code cache} engine's entries (CVE-2011-4136). */
    static final String KEY_PREFIX = "org.cloakroom.cached_db:";

    private DatabaseEngine database;
    // Never javax.cache types here, so that CDI can inspect this class without javax.cache (see JCacheStore).
    private RowCache cache;

    /** For CDI's proxies only. */
    protected CachedDatabaseEngine() {
    }

    /** The cache manager offered as a CDI bean if there is one (Payara's Hazelcast), else the default provider's. */
    @Inject
    public CachedDatabaseEngine(@SessionDatabase EntityManagerFactory factory, CleanupSettings cleanup, CacheSettings cache,
            @SessionClock Clock clock, BeanManager beans, OutsideTransactions outside) {
        this(new DatabaseEngine(factory, cleanup, clock, outside), cache, clock, ContainerCacheManager.find(beans));
    }

    /**
     * An engine on a given database engine and cache manager (tests, embedding, subclasses).
     *
     * @param cacheManager a {@code javax.cache.CacheManager}, or null for the default provider's
     */
    public CachedDatabaseEngine(DatabaseEngine database, CacheSettings settings, Clock clock, Object cacheManager) {
        this.database = database;
        this.cache = new RowCache(new LazyCacheStore(cacheManager, settings, clock, KEY_PREFIX, EngineNames.CACHED_DB));
    }

    @Override
    public Optional<String> load(String key) {
        return loadVersioned(key).map(Loaded::data);
    }

    @Override
    public Optional<Loaded> loadVersioned(String key) {
        Optional<Loaded> cached = cache.get(key);
        if (cached.isPresent()) {
            return cached;
        }
        return fromDatabase(key).map(DatabaseEngine.Row::loaded);
    }

    /** The row as the database holds it now, cached unless the cache already holds it or a newer one. */
    private Optional<DatabaseEngine.Row> fromDatabase(String key) {
        Optional<DatabaseEngine.Row> row = database.loadRow(key);
        row.ifPresent(r -> cache.cacheAtLeast(key, r.version(), r.data(), r.expireDate()));
        return row;
    }

    @Override
    public boolean exists(String key) {
        return cache.contains(key) || database.exists(key);
    }

    @Override
    public String save(String key, String data, Instant expireDate, boolean mustCreate)
            throws CreateException, UpdateException {
        if (mustCreate) {
            return create(key, data, expireDate, null);
        }
        try {
            database.save(key, data, expireDate, false);
        } catch (UpdateException gone) {
            cache.bury(key);
            throw gone;
        }
        // The row's new version is not known here.
        cache.forget(key);
        return key;
    }

    @Override
    public String create(String key, String data, Instant expireDate, String principal) throws CreateException {
        database.create(key, data, expireDate, principal);
        cache.writeThrough(key, 0, data, expireDate);
        return key;
    }

    @Override
    public List<SessionSummary> sessionsOf(String principal) {
        return database.sessionsOf(principal);
    }

    /** Deletes the rows, then their cached copies, found by the storage ids the cache is keyed by too. */
    @Override
    public List<String> deleteSessionsOf(String principal, String keepKey) {
        List<String> ids = database.deleteSessionsOf(principal, keepKey);
        if (!cache.buryStored(ids)) {
            LOG.severe("Deleted sessions may still be served from the session cache until they expire there");
        }
        return ids;
    }

    @Override
    public Optional<String> replace(String key, Loaded expected, String data, Instant expireDate) throws UpdateException {
        long version = (Long) expected.version();
        boolean replaced;
        try {
            replaced = database.replaceRow(key, version, data, expireDate);
        } catch (UpdateException gone) {
            cache.bury(key);
            throw gone;
        }
        if (!replaced) {
            // Another request saved first, maybe on another node: the merge reads what it saved,
            // put in the cache here rather than removed from it, which would let a slower reader
            // put back an older row in between and the merge then read that.
            if (fromDatabase(key).isEmpty()) {
                cache.bury(key);
            }
            return Optional.empty();
        }
        cache.writeThrough(key, version + 1, data, expireDate);
        return Optional.of(key);
    }

    @Override
    public Loaded stored(String data, Instant expireDate, Loaded previous) {
        return database.stored(data, expireDate, previous);
    }

    @Override
    public void delete(String key) {
        database.delete(key);
        if (!cache.bury(key)) {
            LOG.severe("A deleted session may still be served from the session cache until it expires there");
        }
    }

    @Override
    public long clearExpired() {
        return database.clearExpired();
    }

    /** The cache's copies expire by themselves, at the same date. */
    @Override
    public long clearExpiredReporting(Consumer<List<SessionsExpired.Expired>> removed) {
        return database.clearExpiredReporting(removed);
    }

    /** The database holds every session; the cache only copies. */
    @Override
    public OptionalLong countLive() {
        return database.countLive();
    }

    /** Ready when the database answers: with the cache down, sessions are served from it. */
    @Override
    public void probe() {
        database.probe();
    }

    @Override
    public void checkConfiguration() {
        database.checkConfiguration();
        LazyCacheStore.requireJCache(EngineNames.CACHED_DB);
        cache.open();
    }

    /**
     * When the application stops: closes the default cache manager, if this engine opened it, and
     * the EntityManagers its database kept for reads.
     */
    @PreDestroy
    void close() {
        cache.close();
        database.close();
    }
}
