package org.cloakroom.internal.jcache;

import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import org.cloakroom.config.CacheSettings;
import org.cloakroom.config.Setting;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.SessionKeys;

/**
 * Session data in a JCache cache, for the {@code cache} and {@code cached_db} engines.
 *
 * <p>Every {@code javax.cache} reference of the library lives here, so that the engine bean classes
 * load, and CDI can inspect them, in a deployment without the JCache API; this class is only loaded
 * once an engine has checked that the API is present.
 *
 * <p>An entry is the prefix plus the key's storage id (never the key itself) mapped to
 * {@code "<expiry epoch millis>:<encoded data>"}: plain strings, never a Java object graph, readable by every provider and node. JCache has no per-entry
 * time to live, so the expiry travels in the value and an expired value counts as missing; a cache
 * this class creates also evicts each entry when its session expires (see {@link SessionExpiry}).
 */
public final class JCacheStore {

    private final Cache<String, String> cache;
    private final String prefix;
    private final Clock clock;
    /** The default manager this store opened, closed with it; null for a manager the application gave. */
    private final CacheManager opened;

    private JCacheStore(Cache<String, String> cache, String prefix, Clock clock, CacheManager opened) {
        this.cache = cache;
        this.prefix = prefix;
        this.clock = clock;
        this.opened = opened;
    }

    /**
     * The cache {@code SESSION_CACHE_ALIAS} names, created if {@code manager} has none by that name.
     *
     * @param manager a {@code javax.cache.CacheManager}, or null for the default provider's default manager
     * @param engine  the {@code SESSION_ENGINE} name, for error messages
     */
    public static JCacheStore open(Object manager, CacheSettings settings, Clock clock, String prefix, String engine) {
        CacheManager caches = manager != null ? (CacheManager) manager : defaultManager(engine);
        String alias = settings.alias();
        Cache<String, String> cache;
        try {
            cache = find(caches, alias);
            if (cache == null) {
                cache = create(caches, alias, settings.cookieAge());
            }
        } catch (RuntimeException e) {
            if (manager == null) {
                caches.close();
            }
            throw Setting.SESSION_CACHE_ALIAS.invalid(alias, "the JCache cache cannot be obtained: " + e, e);
        }
        return new JCacheStore(cache, prefix, clock, manager == null ? caches : null);
    }

    /**
     * Closes the default {@code CacheManager} if this store opened it, when the application stops: a
     * provider with a client inside (Redisson, a Hazelcast or Infinispan client) would otherwise keep
     * its threads and connections, and the undeployed application's classes, after every undeploy.
     * A manager the application handed over stays open: it is the application's to close.
     */
    public void close() {
        if (opened != null) {
            opened.close();
        }
    }

    private static CacheManager defaultManager(String engine) {
        try {
            return Caching.getCachingProvider().getCacheManager();
        } catch (RuntimeException e) {
            // No provider, several of them, or one that cannot start: JCache's message says which.
            throw Setting.SESSION_ENGINE.invalid(engine, "no usable JCache provider (" + e.getMessage() + "). Add exactly one JCache provider"
                    + " (Caffeine, Ehcache, Infinispan, Hazelcast, Redisson...) to the application, or choose one"
                    + " with the system property javax.cache.spi.CachingProvider", e);
        }
    }

    private static Cache<String, String> find(CacheManager caches, String alias) {
        try {
            return caches.getCache(alias);
        } catch (IllegalArgumentException typed) {
            // JCache 1.0 semantics (Redisson): a cache configured with key and value types must be asked with them.
            return caches.getCache(alias, String.class, String.class);
        }
    }

    private static Cache<String, String> create(CacheManager caches, String alias, long cookieAge) {
        // Untyped, so every provider also returns it from the plain getCache(alias).
        var config = new MutableConfiguration<String, String>()
                .setExpiryPolicyFactory(new FactoryBuilder.SingletonFactory<>(new SessionExpiry(cookieAge)));
        try {
            return caches.createCache(alias, config);
        } catch (CacheException raced) {
            // Another engine or node created it first.
            Cache<String, String> cache = find(caches, alias);
            if (cache == null) {
                throw raced;
            }
            return cache;
        }
    }

    /**
     * The data stored under {@code key}, versioned by the whole entry (what {@link #replace}
     * compares); empty if there is none or it has expired (an expired entry is removed).
     */
    public Optional<Loaded> load(String key) {
        String id = id(key);
        String value = cache.get(id);
        if (value == null) {
            return Optional.empty();
        }
        int colon = value.indexOf(':');
        long expiry = colon > 0 ? parseMillis(value.substring(0, colon)) : Long.MIN_VALUE;
        if (expiry <= clock.millis()) {
            // Conditional: a session saved again meanwhile must stay.
            cache.remove(id, value);
            return Optional.empty();
        }
        return Optional.of(new Loaded(value.substring(colon + 1), value));
    }

    public boolean contains(String key) {
        return cache.containsKey(id(key));
    }

    /** Atomically stores a new entry; false if the key is taken. */
    public boolean create(String key, String data, Instant expireDate) {
        return expiring(expireDate, () -> cache.putIfAbsent(id(key), entry(data, expireDate)));
    }

    /** Atomically replaces an existing entry; false if there is none, so a deleted session stays deleted. */
    public boolean update(String key, String data, Instant expireDate) {
        return expiring(expireDate, () -> cache.replace(id(key), entry(data, expireDate)));
    }

    /** Atomically replaces the entry {@code expected} with {@code data}; false if the entry is another one or none. */
    public boolean replace(String key, Loaded expected, String data, Instant expireDate) {
        return expiring(expireDate, () -> cache.replace(id(key), (String) expected.version(), entry(data, expireDate)));
    }

    /** The version {@link #load} gives right after {@code data} was stored until {@code expireDate}. */
    public static Loaded stored(String data, Instant expireDate) {
        return new Loaded(data, entry(data, expireDate));
    }

    public void put(String key, String data, Instant expireDate) {
        expiring(expireDate, () -> {
            cache.put(id(key), entry(data, expireDate));
            return null;
        });
    }

    public void remove(String key) {
        cache.remove(id(key));
    }

    /** Stores {@code data} for {@code lifetime} under the session whose key has this storage id. */
    public void putStored(String storageId, String data, java.time.Duration lifetime) {
        Instant expireDate = clock.instant().plus(lifetime);
        expiring(expireDate, () -> {
            cache.put(prefix + storageId, entry(data, expireDate));
            return null;
        });
    }

    /** The cache key of a session: the prefix and the key's storage id, never the key itself. */
    private String id(String key) {
        return prefix + SessionKeys.storageId(key);
    }

    private static String entry(String data, Instant expireDate) {
        return expireDate.toEpochMilli() + ":" + data;
    }

    private static long parseMillis(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notOurs) {
            return Long.MIN_VALUE;
        }
    }

    /** Runs a write with the entry's remaining lifetime visible to {@link SessionExpiry}. */
    private <T> T expiring(Instant expireDate, Supplier<T> write) {
        // At least 1 ms: a zero duration makes JCache skip the write (putIfAbsent would report a collision).
        long ttl = Math.max(1, expireDate.toEpochMilli() - clock.millis());
        SessionExpiry.NEXT.set(new Duration(TimeUnit.MILLISECONDS, ttl));
        try {
            return write.get();
        } finally {
            SessionExpiry.NEXT.remove();
        }
    }

    /**
     * Expires each entry when its session does. A provider that runs the policy in the writing thread
     * (Caffeine, Ehcache, Redisson) sees the lifetime the engine sets around the write; one that runs it
     * elsewhere (a Hazelcast member, a remote server) sees nothing and falls back to the cookie age,
     * which bounds how long entries occupy memory; the expiry in the value stays exact either way.
     */
    static final class SessionExpiry implements ExpiryPolicy, Serializable {

        private static final long serialVersionUID = 1L;
        static final ThreadLocal<Duration> NEXT = new ThreadLocal<>();

        private final long fallbackSeconds;

        SessionExpiry(long fallbackSeconds) {
            this.fallbackSeconds = fallbackSeconds;
        }

        @Override
        public Duration getExpiryForCreation() {
            Duration next = NEXT.get();
            return next != null ? next : new Duration(TimeUnit.SECONDS, fallbackSeconds);
        }

        @Override
        public Duration getExpiryForAccess() {
            // Reading a session does not extend its life.
            return null;
        }

        @Override
        public Duration getExpiryForUpdate() {
            return getExpiryForCreation();
        }
    }
}
