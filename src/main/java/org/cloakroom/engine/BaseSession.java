package org.cloakroom.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cloakroom.Session;
import org.cloakroom.SessionConflictException;
import org.cloakroom.SessionInterruptedException;
import org.cloakroom.codec.CorruptSessionDataException;
import org.cloakroom.codec.SessionCodec;
import org.cloakroom.config.SessionSettings;

/**
 * Every rule of a session, once for all engines (Django's {@code SessionBase}): lazy loading, the
 * accessed and modified flags, key issuing, flush, cycleKey, expiry, nested-change detection. The
 * engine only stores strings.
 *
 * <p>Correct on its own, without any container: the data map counts every change, and the flags
 * follow it. One instance serves one request or one piece of work and is not thread-safe.
 */
public class BaseSession implements Session {

    private static final Logger SUSPICIOUS = Logger.getLogger("org.cloakroom.security.SuspiciousSession");
    private static final Logger LOG = Logger.getLogger(BaseSession.class.getName());
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

    private SessionEngine engine;
    private SessionCodec codec;
    private SessionSettings settings;

    private String key;
    /** Null until first use: that is what makes the session lazy. */
    private TrackedMap data;
    private long seenChanges;
    /** The encoded form known to be in the store (as loaded or last saved), for nested-change detection. */
    private String storedEncoding;
    /** What the next compare-and-set expects in the store: as loaded, or as this request last stored it. */
    private Loaded loaded;
    /** The key was issued by this request and its cookie not yet sent: nobody else can have written it. */
    private boolean keyIsNew;
    private boolean savedHere;
    private boolean accessed;
    private boolean modified;

    /** For CDI's interception proxies only. */
    protected BaseSession() {
    }

    /**
     * @param cookieValue the key from the cookie; a value the engine could not have issued is treated
     *                    as no key at all
     */
    public BaseSession(SessionEngine engine, SessionCodec codec, SessionSettings settings, String cookieValue) {
        this.engine = engine;
        this.codec = codec;
        this.settings = settings;
        this.key = cookieValue != null && engine.isWellFormedKey(cookieValue) ? cookieValue : null;
    }

    // ---- loading and change tracking -------------------------------------------------------

    private TrackedMap data() {
        accessed = true;
        if (data == null) {
            load();
        }
        return data;
    }

    private void load() {
        Map<String, Object> content = Map.of();
        storedEncoding = null;
        if (key != null) {
            Optional<Loaded> stored = engine.loadVersioned(key);
            if (stored.isEmpty()) {
                // Unknown or expired: never adopt the key, the next save issues a fresh one.
                key = null;
            } else {
                loaded = stored.get();
                content = decodeOrEmpty(loaded.data());
            }
        }
        replaceData(content);
    }

    private Map<String, Object> decodeOrEmpty(String encoded) {
        try {
            Map<String, Object> content = codec.decode(encoded);
            storedEncoding = encoded;
            return content;
        } catch (CorruptSessionDataException e) {
            SUSPICIOUS.log(Level.WARNING, "Session data corrupted, starting an empty session: {0}", e.getMessage());
            return Map.of();
        }
    }

    /**
     * Brings in what other requests saved since this one loaded: their data, with this request's
     * own changes applied on top. Empty (and nothing changed) if the stored session is gone.
     */
    private boolean catchUp() {
        Optional<Loaded> current = engine.loadVersioned(key);
        if (current.isEmpty()) {
            return false;
        }
        loaded = current.get();
        storedEncoding = null;
        data.rebase(decodeOrEmpty(loaded.data()));
        return true;
    }

    private void replaceData(Map<String, Object> content) {
        data = new TrackedMap(content, codec::requireStorable, codec::encodeValue);
        seenChanges = data.changes();
    }

    /**
     * Turns changes counted by the data map (through any view or iterator handed out earlier)
     * into {@code modified}; the flag's getters call it, so it never reads stale.
     */
    public void syncModified() {
        if (data != null && data.changes() != seenChanges) {
            seenChanges = data.changes();
            modified = true;
        }
    }

    // ---- Map ---------------------------------------------------------------------------------

    @Override public int size() { return data().size(); }
    @Override public boolean isEmpty() { return data().isEmpty(); }
    @Override public boolean containsKey(Object k) { return data().containsKey(k); }
    @Override public boolean containsValue(Object v) { return data().containsValue(v); }
    @Override public Object get(Object k) { return data().get(k); }
    @Override public Object getOrDefault(Object k, Object d) { return data().getOrDefault(k, d); }
    @Override public Object put(String k, Object v) { return data().put(k, v); }
    @Override public Object remove(Object k) { return data().remove(k); }
    @Override public void putAll(Map<? extends String, ?> m) { data().putAll(m); }
    @Override public void clear() { data().clear(); }
    @Override public Set<String> keySet() { return data().keySet(); }
    @Override public Collection<Object> values() { return data().values(); }
    @Override public Set<Entry<String, Object>> entrySet() { return data().entrySet(); }
    @Override public void forEach(BiConsumer<? super String, ? super Object> a) { data().forEach(a); }
    @Override public void replaceAll(BiFunction<? super String, ? super Object, ?> f) { data().replaceAll(f); }
    @Override public Object putIfAbsent(String k, Object v) { return data().putIfAbsent(k, v); }
    @Override public boolean remove(Object k, Object v) { return data().remove(k, v); }
    @Override public boolean replace(String k, Object o, Object n) { return data().replace(k, o, n); }
    @Override public Object replace(String k, Object v) { return data().replace(k, v); }

    @Override
    public Object computeIfAbsent(String k, Function<? super String, ?> f) {
        return data().computeIfAbsent(k, f);
    }

    @Override
    public Object computeIfPresent(String k, BiFunction<? super String, ? super Object, ?> f) {
        return data().computeIfPresent(k, f);
    }

    @Override
    public Object compute(String k, BiFunction<? super String, ? super Object, ?> f) {
        return data().compute(k, f);
    }

    @Override
    public Object merge(String k, Object v, BiFunction<? super Object, ? super Object, ?> f) {
        return data().merge(k, v, f);
    }

    @Override public boolean equals(Object o) { return o == this || data().equals(o); }
    @Override public int hashCode() { return data().hashCode(); }
    @Override public String toString() { return data().toString(); }

    // ---- Django's operations ---------------------------------------------------------------

    @Override
    public String getSessionKey() {
        return key;
    }

    @Override
    public void flush() {
        accessed = true;
        modified = true;
        replaceData(Map.of());
        storedEncoding = null;
        loaded = null;
        keyIsNew = false;
        if (key != null) {
            engine.delete(key);
        }
        key = null;
    }

    @Override
    public void cycleKey() {
        boolean loadedEarlier = data != null;
        data();
        if (loadedEarlier && key != null && !keyIsNew) {
            // The new key takes the merged data: what other requests saved to the old one since
            // this one loaded it is not dropped. Loaded just now, it is already current.
            catchUp();
        }
        String old = key;
        key = null;
        create();
        if (old != null) {
            engine.delete(old);
        }
    }

    /** Stores the current data under a fresh key (Django's {@code create()}), retrying on a collision. */
    public void create() {
        String encoded = codec.encode(data());
        for (int attempt = 0; attempt < MAX_CREATE_ATTEMPTS; attempt++) {
            key = engine.newKey();
            try {
                insert(encoded);
                modified = true;
                keyIsNew = true;
                return;
            } catch (CreateException collision) {
                key = null;
            }
        }
        throw new IllegalStateException("Unable to create a new session key after " + MAX_CREATE_ATTEMPTS
                + " attempts; the session store is probably failing");
    }

    @Override
    public void save() {
        data();
        if (key == null) {
            create();
            return;
        }
        update(codec.encode(data));
    }

    /**
     * Saves under the existing key: a compare-and-set against what the request loaded (or last
     * stored). When another request saved first, its data is reloaded, this request's changes are
     * applied on top and the save is tried again.
     */
    private void update(String encoded) {
        try {
            for (int attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
                if (attempt > 1 || loaded == null) {
                    backOff(attempt);
                    if (!catchUp()) {
                        throw new UpdateException();
                    }
                    encoded = codec.encode(data);
                }
                Instant expiry = getExpiryDate();
                Optional<String> savedUnder = engine.replace(key, loaded, encoded, expiry);
                if (savedUnder.isPresent()) {
                    if (attempt > 1) {
                        LOG.log(Level.FINE, "Saved after merging with {0} concurrent saves", attempt - 1);
                    }
                    key = savedUnder.get();
                    storedEncoding = encoded;
                    savedHere = true;
                    loaded = engine.stored(encoded, expiry, loaded);
                    return;
                }
            }
        } catch (UpdateException gone) {
            throw new SessionInterruptedException();
        }
        throw new SessionConflictException(MAX_SAVE_ATTEMPTS);
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

    private void insert(String encoded) throws CreateException {
        Instant expiry = getExpiryDate();
        try {
            key = engine.save(key, encoded, expiry, true);
        } catch (UpdateException impossible) {
            throw new IllegalStateException(impossible);
        }
        storedEncoding = encoded;
        savedHere = true;
        loaded = engine.stored(encoded, expiry, null);
    }

    @Override
    public void setTestCookie() {
        put(TEST_COOKIE_KEY, TEST_COOKIE_VALUE);
    }

    @Override
    public boolean testCookieWorked() {
        return TEST_COOKIE_VALUE.equals(get(TEST_COOKIE_KEY));
    }

    @Override
    public void deleteTestCookie() {
        remove(TEST_COOKIE_KEY);
    }

    // ---- expiry ------------------------------------------------------------------------------

    @Override
    public void setExpiry(int seconds) {
        data().put(EXPIRY_KEY, seconds);
        modified = true;
    }

    @Override
    public void setExpiry(Duration duration) {
        setExpiry(now().plus(duration));
    }

    @Override
    public void setExpiry(Instant instant) {
        data().put(EXPIRY_KEY, instant);
        modified = true;
    }

    @Override
    public void setExpiry(ZonedDateTime dateTime) {
        setExpiry(dateTime.toInstant());
    }

    @Override
    public void resetExpiry() {
        data().remove(EXPIRY_KEY);
    }

    @Override
    public long getExpiryAge() {
        return getExpiryAge(now());
    }

    @Override
    public long getExpiryAge(Instant modification) {
        return getExpiryAge(modification, data().get(EXPIRY_KEY));
    }

    @Override
    public long getExpiryAge(Instant modification, Object expiry) {
        if (usesGlobalAge(expiry)) {
            return settings.cookieAge();
        }
        if (expiry instanceof Number seconds) {
            return seconds.longValue();
        }
        // Whole seconds, rounded down, as Django does.
        return Duration.between(modification, toInstant(expiry)).getSeconds();
    }

    @Override
    public Instant getExpiryDate() {
        return getExpiryDate(now());
    }

    @Override
    public Instant getExpiryDate(Instant modification) {
        return getExpiryDate(modification, data().get(EXPIRY_KEY));
    }

    @Override
    public Instant getExpiryDate(Instant modification, Object expiry) {
        if (usesGlobalAge(expiry)) {
            return modification.plusSeconds(settings.cookieAge());
        }
        if (expiry instanceof Number seconds) {
            return modification.plusSeconds(seconds.longValue());
        }
        return toInstant(expiry);
    }

    @Override
    public boolean getExpireAtBrowserClose() {
        Object expiry = data().get(EXPIRY_KEY);
        return expiry == null ? settings.expireAtBrowserClose() : isZero(expiry);
    }

    private static boolean usesGlobalAge(Object expiry) {
        return expiry == null || isZero(expiry);
    }

    private static boolean isZero(Object expiry) {
        return expiry instanceof Number n && n.longValue() == 0;
    }

    private static Instant toInstant(Object expiry) {
        if (expiry instanceof Instant i) {
            return i;
        }
        if (expiry instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (expiry instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalArgumentException("An expiry is a number of seconds, an Instant, a ZonedDateTime, "
                + "an OffsetDateTime or null, not " + expiry.getClass().getName());
    }

    private Instant now() {
        return Instant.now(settings.clock());
    }

    // ---- flags -------------------------------------------------------------------------------

    @Override
    public boolean isModified() {
        syncModified();
        return modified;
    }

    @Override
    public void setModified(boolean modified) {
        syncModified();
        this.modified = modified;
    }

    @Override
    public boolean isAccessed() {
        return accessed;
    }

    // ---- for the HTTP filter -----------------------------------------------------------------

    /** Django's {@code is_empty()}: no key and no data. Never loads. */
    public boolean isBlank() {
        return key == null && (data == null || data.isEmpty());
    }

    /**
     * Marks the session modified if a value stored in it was changed in place (a list the
     * application read and added to). Only the mutable values that were handed out are compared,
     * so a request that read only strings and numbers pays nothing.
     */
    public void detectNestedChanges() {
        syncModified();
        if (!modified && data != null && !data.changedInPlace().isEmpty()) {
            modified = true;
        }
    }

    /**
     * The end-of-request save: skipped when this instance already saved exactly this content during
     * the request (after {@link #cycleKey()}, say), unless {@code refresh} asks for a new expiry.
     */
    public void saveAtEndOfRequest(boolean refresh) {
        data();
        if (key == null) {
            create();
            return;
        }
        String encoded = codec.encode(data);
        if (!refresh && savedHere && encoded.equals(storedEncoding)) {
            return;
        }
        update(encoded);
    }
}
