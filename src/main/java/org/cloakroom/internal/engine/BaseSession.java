package org.cloakroom.internal.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.cloakroom.Session;
import org.cloakroom.SessionInterruptedException;
import org.cloakroom.codec.SessionCodec;
import org.cloakroom.config.ExpirySettings;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.SessionEngine;

/**
 * Every rule of a session, once for all engines (Django's {@code SessionBase}): lazy loading, the
 * accessed and modified flags, key issuing, flush, cycleKey, expiry, nested-change detection, and
 * saves that merge with concurrent requests instead of overwriting them ({@link StoredCopy}). The
 * engine only stores strings.
 *
 * <p>Correct on its own, without any container: the data map counts every change, and the flags
 * follow it. One instance serves one request or one piece of work and is not thread-safe.
 */
public class BaseSession implements Session {

    private SessionCodec codec;
    private ExpirySettings settings;
    private Clock clock;
    private StoredCopy stored;
    private Lifetime lifetime;
    private SessionListener listener;

    /** Null until first use: that is what makes the session lazy. */
    private TrackedMap data;
    private long seenChanges;
    private boolean accessed;
    private boolean modified;

    /** For CDI's interception proxies only. */
    protected BaseSession() {
    }

    /**
     * @param cookieValue the key from the cookie; a value the engine could not have issued is treated
     *                    as no key at all
     */
    public BaseSession(SessionEngine engine, SessionCodec codec, ExpirySettings settings, Clock clock, String cookieValue) {
        this(engine, codec, settings, clock, cookieValue, SessionListener.NONE);
    }

    /** As above, telling {@code listener} what happens to the stored session. */
    public BaseSession(SessionEngine engine, SessionCodec codec, ExpirySettings settings, Clock clock, String cookieValue,
            SessionListener listener) {
        this.codec = codec;
        this.settings = settings;
        this.clock = clock;
        this.stored = new StoredCopy(engine, codec, cookieValue, listener);
        this.lifetime = new Lifetime(settings, clock);
        this.listener = listener;
    }

    // ---- loading and change tracking -------------------------------------------------------

    private TrackedMap data() {
        accessed = true;
        if (data == null) {
            Map<String, Object> content = stored.load();
            if (lifetime.ended(content)) {
                // Past SESSION_ABSOLUTE_AGE: exactly as if it had expired.
                stored.forget();
                content = Map.of();
            }
            replaceData(content);
        }
        return data;
    }

    private void replaceData(Map<String, Object> content) {
        // What the store held was decoded for this session alone: no need to copy it.
        data = TrackedMap.adopting(content, codec::requireStorable, codec::encodeValue);
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
        return stored.key();
    }

    @Override
    public void flush() {
        accessed = true;
        modified = true;
        replaceData(Map.of());
        String former = stored.key();
        stored.delete();
        if (former != null) {
            listener.deleted(former);
        }
    }

    @Override
    public void cycleKey() {
        boolean loadedEarlier = data != null;
        data();
        if (loadedEarlier && stored.isShared()) {
            // The new key takes the merged data: what other requests saved to the old one since
            // this one loaded it is not dropped. Loaded just now, it is already current.
            stored.catchUp(data);
        }
        String old = stored.forget();
        store();
        if (old != null) {
            stored.deleteFormer(old);
            listener.cycled(old, stored.key());
        } else {
            listener.created(stored.key());
        }
    }

    /** Stores the current data under a fresh key (Django's {@code create()}), retrying on a collision. */
    public void create() {
        store();
        listener.created(stored.key());
    }

    private void store() {
        lifetime.stamp(data());
        stored.create(data, this::getExpiryDate);
        modified = true;
    }

    @Override
    public void save() {
        data();
        if (stored.key() == null) {
            create();
            return;
        }
        stampOnce();
        stored.update(data, codec.encode(data.content()), this::getExpiryDate);
    }

    /** Stamps the save times, once per request, so that saving twice writes the same data. */
    private void stampOnce() {
        if (!stored.savedHere()) {
            lifetime.stamp(data);
        }
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
        return lifetime.cap(getExpiryAge(modification, data().get(EXPIRY_KEY)), modification, data);
    }

    @Override
    public long getExpiryAge(Instant modification, Object expiry) {
        return Expiry.age(modification, expiry, settings.cookieAge());
    }

    @Override
    public Instant getExpiryDate() {
        return getExpiryDate(now());
    }

    @Override
    public Instant getExpiryDate(Instant modification) {
        return lifetime.cap(getExpiryDate(modification, data().get(EXPIRY_KEY)), data);
    }

    @Override
    public Instant getExpiryDate(Instant modification, Object expiry) {
        return Expiry.date(modification, expiry, settings.cookieAge());
    }

    @Override
    public boolean getExpireAtBrowserClose() {
        Object expiry = data().get(EXPIRY_KEY);
        return expiry == null ? settings.expireAtBrowserClose() : Expiry.isZero(expiry);
    }

    private Instant now() {
        return Instant.now(clock);
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
        return stored.key() == null && (data == null || data.isEmpty());
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
     * Whether this request, which only read the session, should save it to extend its expiry
     * ({@code SESSION_REFRESH_ON_READ}). Never loads.
     */
    public boolean refreshDue() {
        if (!settings.refreshOnRead() || data == null || stored.key() == null) {
            return false;
        }
        Object expiry = data.get(EXPIRY_KEY);
        Instant now = now();
        return lifetime.refreshDue(data, expiry, getExpiryAge(now, expiry), now);
    }

    /**
     * The end-of-request save: skipped when this instance already saved exactly this content during
     * the request (after {@link #cycleKey()}, say), unless {@code refresh} asks for a new expiry.
     */
    public void saveAtEndOfRequest(boolean refresh) {
        data();
        if (stored.key() == null) {
            create();
            return;
        }
        stampOnce();
        String encoded = codec.encode(data.content());
        if (!refresh && stored.holds(encoded)) {
            // Saved earlier in this request: nothing to write, but a logout since then must not be
            // answered with a cookie for the deleted session (Django's update would find it gone).
            if (stored.isShared() && !stored.stillStored()) {
                throw new SessionInterruptedException();
            }
            return;
        }
        stored.update(data, encoded, this::getExpiryDate);
    }
}
