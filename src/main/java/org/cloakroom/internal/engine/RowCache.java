package org.cloakroom.internal.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cloakroom.internal.jcache.JCacheStore;
import org.cloakroom.internal.jcache.LazyCacheStore;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.SessionKeys;

/**
 * The {@code cached_db} engine's copies of database rows in JCache: an entry is
 * {@code <row version>:<data>}, and a cached version only goes up. A cache that fails never fails a
 * request: each failure is logged (on {@link CachedDatabaseEngine}'s logger, where an operator
 * looks) and reported as a miss or a write that did not happen.
 */
final class RowCache {

    private static final Logger LOG = Logger.getLogger(CachedDatabaseEngine.class.getName());
    /** Tries to cache a row against other writers of the same entry; each try that fails saw a newer write. */
    private static final int MAX_CACHE_ATTEMPTS = 20;
    /**
     * What a deleted session's entry becomes: a version no row reaches, so that a request that read
     * the row just before the delete (a logout, "log out everywhere else") cannot put it back.
     */
    private static final long DELETED = Long.MAX_VALUE;
    /** Far longer than any request that read the row before the delete can still be in flight. */
    private static final Duration DELETED_LIFETIME = Duration.ofMinutes(5);

    private final LazyCacheStore store;

    RowCache(LazyCacheStore store) {
        this.store = store;
    }

    /** The cached row of {@code key}: its data and version; empty on a miss, a foreign entry or a failure. */
    Optional<Loaded> get(String key) {
        return cached("read", s -> s.load(key), Optional.<Loaded>empty()).flatMap(entry -> unpack(entry.data()))
                .filter(row -> (Long) row.version() != DELETED);
    }

    boolean contains(String key) {
        return get(key).isPresent();
    }

    /**
     * Caches the row's {@code version} unless the cache holds that version or a newer one, so that the
     * cached version only goes up: a request that read the row before another saved it cannot put
     * the older row back. Compare-and-set on the whole entry, as the {@code cache} engine saves.
     * False if the cache failed (logged).
     */
    boolean cacheAtLeast(String key, long version, String data, Instant expireDate) {
        String entry = pack(version, data);
        return tryCache("write", s -> {
            for (int attempt = 0; attempt < MAX_CACHE_ATTEMPTS; attempt++) {
                Optional<Loaded> current = s.load(key);
                if (current.isEmpty()) {
                    if (s.create(key, entry, expireDate)) {
                        return;
                    }
                } else if (unpack(current.get().data()).map(c -> (Long) c.version() >= version).orElse(false)
                        || s.replace(key, current.get(), entry, expireDate)) {
                    return;
                }
            }
            // Always losing to other writers, each of which also only moves the version up: theirs stands.
        });
    }

    /** After a write: caches the new row, or drops the entry so that a recovered cache cannot serve the previous one. */
    void writeThrough(String key, long version, String data, Instant expireDate) {
        if (!cacheAtLeast(key, version, data, expireDate)) {
            forget(key);
        }
    }

    /** Drops the cached copy (of a row deleted, or changed elsewhere), so that the database answers next. */
    boolean forget(String key) {
        return tryCache("remove", s -> s.remove(key));
    }

    /** Marks the session deleted, so that no populate racing the delete caches its row again. */
    boolean bury(String key) {
        return buryStored(List.of(SessionKeys.storageId(key)));
    }

    /** {@link #bury} for the sessions whose keys have these storage ids. */
    boolean buryStored(List<String> storageIds) {
        String deleted = pack(DELETED, "");
        return tryCache("remove", s -> storageIds.forEach(id -> s.putStored(id, deleted, DELETED_LIFETIME)));
    }

    /** Opens the cache now: a deployment check. */
    void open() {
        store.get();
    }

    void close() {
        store.close();
    }

    private static String pack(long version, String data) {
        return version + ":" + data;
    }

    private static Optional<Loaded> unpack(String entry) {
        int colon = entry.indexOf(':');
        try {
            return Optional.of(new Loaded(entry.substring(colon + 1), Long.parseLong(entry.substring(0, colon))));
        } catch (RuntimeException notOurs) {
            // An entry of an earlier release, or not ours: the database answers.
            return Optional.empty();
        }
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
