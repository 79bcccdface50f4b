package org.cloakroom.internal.engine;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cloakroom.Session;
import org.cloakroom.SessionConflictException;
import org.cloakroom.SessionInterruptedException;
import org.cloakroom.codec.CorruptSessionDataException;
import org.cloakroom.codec.SessionCodec;
import org.cloakroom.spi.CreateException;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.spi.UpdateException;

/**
 * What one request knows of its session's stored copy: the key, the version it loaded or last
 * stored, and the encoding that is in the store. It issues keys, and saves with a compare-and-set
 * that merges when another request of the same visitor saved first. {@link BaseSession} holds the
 * rules; this class talks to the engine.
 */
final class StoredCopy {

    private static final Logger LOG = Logger.getLogger(BaseSession.class.getName());
    private static final Logger SUSPICIOUS = Logger.getLogger("org.cloakroom.security.SuspiciousSession");
    /** Django's cache engine gives up after this many collisions; a colliding random key means a broken store. */
    private static final int MAX_CREATE_ATTEMPTS = 100;
    /**
     * Saves of one session that lose the compare-and-set and merge again. With the random pauses
     * between them (see {@link #backOff}), a page firing dozens of requests at once gets through,
     * and a request gives up after about a second at most.
     */
    static final int MAX_SAVE_ATTEMPTS = 50;
    /** The longest pause between two attempts, in microseconds. */
    private static final long MAX_PAUSE_MICROS = 25_000;

    /** What this process last loaded or saved of each session, decoded: copied rather than decoded again. */
    private static final KnownSessions KNOWN = KnownSessions.shared();

    private final SessionEngine engine;
    private final SessionCodec codec;
    private final SessionListener listener;
    private String key;
    /** What the next compare-and-set expects in the store: as loaded, or as this request last stored it. */
    private Loaded loaded;
    /** The encoded form known to be in the store (as loaded or last saved). */
    private String encoding;
    /** The key was issued by this request and its cookie not yet sent: nobody else can have written it. */
    private boolean keyIsNew;
    private boolean savedHere;

    /** @param cookieValue the key from the cookie; a value the engine could not have issued counts as none */
    StoredCopy(SessionEngine engine, SessionCodec codec, String cookieValue, SessionListener listener) {
        this.engine = engine;
        this.codec = codec;
        this.listener = listener;
        this.key = cookieValue != null && engine.isWellFormedKey(cookieValue) ? cookieValue : null;
        if (cookieValue != null && key == null) {
            listener.cookieRejected();
        }
    }

    String key() {
        return key;
    }

    /** Whether other requests may know the key, so that they may have saved since this one loaded. */
    boolean isShared() {
        return key != null && !keyIsNew;
    }

    /**
     * The stored content, decoded for the caller alone; empty if there is none (the key is then
     * dropped, never adopted) or it is corrupt.
     */
    Map<String, Object> load() {
        encoding = null;
        if (key == null) {
            return Map.of();
        }
        Optional<Loaded> stored = engine.loadVersioned(key);
        if (stored.isEmpty()) {
            // Unknown or expired: the next save issues a fresh key.
            key = null;
            listener.keyUnknown();
            return Map.of();
        }
        loaded = stored.get();
        return decodeOrEmpty(loaded.data());
    }

    private Map<String, Object> decodeOrEmpty(String encoded) {
        Map<String, Object> known = KNOWN.copy(key, encoded, codec);
        if (known != null) {
            encoding = encoded;
            return known;
        }
        try {
            Map<String, Object> content = codec.decode(encoded);
            encoding = encoded;
            KNOWN.remember(key, encoded, content, codec);
            return content;
        } catch (CorruptSessionDataException e) {
            SUSPICIOUS.log(Level.WARNING, "Session data corrupted, starting an empty session: {0}", e.getMessage());
            listener.dataCorrupt();
            return Map.of();
        }
    }

    /**
     * Brings in what other requests saved since this one loaded: their data, with this request's
     * own changes applied on top. False, and nothing changed, if the stored session is gone.
     */
    boolean catchUp(TrackedMap data) {
        Optional<Loaded> current = engine.loadVersioned(key);
        if (current.isEmpty()) {
            return false;
        }
        loaded = current.get();
        encoding = null;
        data.rebase(decodeOrEmpty(loaded.data()));
        return true;
    }

    /** Stores {@code data} under a fresh key (Django's {@code create()}), retrying on a collision. */
    void create(TrackedMap data, Supplier<Instant> expiry) {
        String encoded = codec.encode(data.content());
        for (int attempt = 0; attempt < MAX_CREATE_ATTEMPTS; attempt++) {
            key = engine.newKey();
            Instant expireDate = expiry.get();
            try {
                key = engine.create(key, encoded, expireDate, principal(data));
            } catch (CreateException collision) {
                key = null;
                continue;
            }
            keyIsNew = true;
            stored(encoded, engine.stored(encoded, expireDate, null), data);
            return;
        }
        throw new IllegalStateException("Unable to create a new session key after " + MAX_CREATE_ATTEMPTS
                + " attempts; the session store is probably failing");
    }

    private static String principal(TrackedMap data) {
        return data.get(Session.AUTH_USER_NAME_KEY) instanceof String name ? name : null;
    }

    /** Whether this request has stored the session already. */
    boolean savedHere() {
        return savedHere;
    }

    /** Whether the stored session is still there (one read), for a request that saved it earlier. */
    boolean stillStored() {
        return engine.loadVersioned(key).isPresent();
    }

    /** Whether this request already stored exactly {@code encoded} (after a {@code cycleKey()}, say). */
    boolean holds(String encoded) {
        return savedHere && encoded.equals(encoding);
    }

    /**
     * Saves under the existing key: a compare-and-set against what the request loaded (or last
     * stored). When another request saved first, its data is reloaded, this request's changes are
     * applied on top and the save is tried again.
     *
     * @throws SessionInterruptedException the stored session was deleted meanwhile (never resurrected)
     * @throws SessionConflictException    every attempt lost to another save
     */
    void update(TrackedMap data, String encoded, Supplier<Instant> expiry) {
        try {
            for (int attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
                if (attempt > 1 || loaded == null) {
                    backOff(attempt);
                    if (!catchUp(data)) {
                        throw new UpdateException();
                    }
                    encoded = codec.encode(data.content());
                }
                Instant expireDate = expiry.get();
                Optional<String> savedUnder = engine.replace(key, loaded, encoded, expireDate);
                if (savedUnder.isPresent()) {
                    if (attempt > 1) {
                        LOG.log(Level.FINE, "Saved after merging with {0} concurrent saves", attempt - 1);
                    }
                    key = savedUnder.get();
                    stored(encoded, engine.stored(encoded, expireDate, loaded), data);
                    return;
                }
            }
        } catch (UpdateException gone) {
            throw new SessionInterruptedException();
        }
        throw new SessionConflictException(MAX_SAVE_ATTEMPTS);
    }

    private void stored(String encoded, Loaded version, TrackedMap data) {
        encoding = encoded;
        loaded = version;
        savedHere = true;
        KNOWN.remember(key, encoded, data.content(), codec);
    }

    /**
     * Before attempt 2, 3...: a random pause of up to 0.25 ms, 0.5 ms, 1 ms... (at most 25 ms), so
     * that requests that keep colliding spread out instead of colliding again ("full jitter").
     */
    private static void backOff(int attempt) {
        if (attempt > 1) {
            long ceiling = Math.min(MAX_PAUSE_MICROS, 125L << Math.min(attempt - 1, 20));
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(ceiling) * 1000);
        }
    }

    /** Deletes the stored session, if any, and forgets it: the next save issues a fresh key. */
    void delete() {
        String old = forget();
        if (old != null) {
            engine.delete(old);
        }
    }

    /** Forgets the key (the stored session stays), returning it. */
    String forget() {
        String old = key;
        key = null;
        loaded = null;
        encoding = null;
        keyIsNew = false;
        return old;
    }

    /** Deletes what is stored under a key this request no longer uses. */
    void deleteFormer(String formerKey) {
        engine.delete(formerKey);
    }
}
