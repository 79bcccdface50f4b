package org.cloakroom.internal.engine;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.cloakroom.config.CacheSettings;
import org.cloakroom.config.EngineNames;
import org.cloakroom.config.SessionClock;
import org.cloakroom.internal.jcache.ContainerCacheManager;
import org.cloakroom.internal.jcache.JCacheStore;
import org.cloakroom.internal.jcache.LazyCacheStore;
import org.cloakroom.spi.CreateException;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.spi.UpdateException;

/**
 * {@code SESSION_ENGINE=cache}: sessions in a JCache ({@code javax.cache}, JSR-107) cache, the one
 * {@code SESSION_CACHE_ALIAS} names (Django's {@code cache} backend). The application brings the
 * provider: Caffeine, Ehcache, Infinispan, Hazelcast (built into Payara), Redisson (Redis)...
 *
 * <p>The cache comes from the default provider's default {@code CacheManager}; a cache of that name
 * is created if there is none, with entries that expire with their sessions. The engine closes that
 * manager when the application stops, so that a client provider's threads and connections go with
 * it. To use a manager the application produces (and closes), subclass this engine with an
 * {@code @Inject} constructor taking it, and name the subclass in {@code SESSION_ENGINE}.
 *
 * <p>Creating a session is an atomic put-if-absent and updating one an atomic replace of the entry
 * the request loaded, so two nodes never hand out the same key, a session deleted meanwhile stays
 * deleted, and concurrent requests of one visitor merge instead of overwriting each other. A local heap cache loses
 * every session on restart and is not shared between nodes.
 */
@ApplicationScoped
@EngineName(EngineNames.CACHE)
public class CacheEngine implements SessionEngine {

    /** Namespaces the session entries in a cache the application may share (CVE-2011-4136). */
    static final String KEY_PREFIX = "org.cloakroom.cache:";

    private LazyCacheStore store;

    /** For CDI's proxies only. */
    protected CacheEngine() {
    }

    /** The cache manager offered as a CDI bean if there is one (Payara's Hazelcast), else the default provider's. */
    @Inject
    public CacheEngine(CacheSettings settings, @SessionClock Clock clock, BeanManager beans) {
        this(settings, clock, ContainerCacheManager.find(beans));
    }

    /**
     * An engine on a given cache manager (tests, embedding, subclasses).
     *
     * @param cacheManager a {@code javax.cache.CacheManager}, or null for the default provider's
     */
    public CacheEngine(CacheSettings settings, Clock clock, Object cacheManager) {
        this.store = new LazyCacheStore(cacheManager, settings, clock, KEY_PREFIX, EngineNames.CACHE);
    }

    @Override
    public Optional<String> load(String key) {
        return store.get().load(key).map(Loaded::data);
    }

    /** Versioned by the whole cache entry, which JCache's {@code replace(key, old, new)} compares. */
    @Override
    public Optional<Loaded> loadVersioned(String key) {
        return store.get().load(key);
    }

    @Override
    public boolean exists(String key) {
        return store.get().contains(key);
    }

    @Override
    public String save(String key, String data, Instant expireDate, boolean mustCreate)
            throws CreateException, UpdateException {
        if (mustCreate) {
            if (!store.get().create(key, data, expireDate)) {
                throw new CreateException(key);
            }
        } else if (!store.get().update(key, data, expireDate)) {
            throw new UpdateException();
        }
        return key;
    }

    @Override
    public Optional<String> replace(String key, Loaded expected, String data, Instant expireDate) throws UpdateException {
        if (store.get().replace(key, expected, data, expireDate)) {
            return Optional.of(key);
        }
        if (!store.get().contains(key)) {
            throw new UpdateException();
        }
        return Optional.empty();
    }

    @Override
    public Loaded stored(String data, Instant expireDate, Loaded previous) {
        return JCacheStore.stored(data, expireDate);
    }

    @Override
    public void delete(String key) {
        store.get().remove(key);
    }

    /** Nothing to do: the cache drops expired entries itself, and loading drops those it kept. */
    @Override
    public long clearExpired() {
        return 0;
    }

    @Override
    public void checkConfiguration() {
        store.get();
    }

    /** When the application stops: closes the default cache manager, if this engine opened it. */
    @PreDestroy
    void close() {
        store.close();
    }
}
