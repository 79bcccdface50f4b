package org.cloakroom.internal.engine;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The data of one session: an insertion-ordered {@code Map<String, Object>} that counts every change
 * of its content, whichever {@link Map} path made it (the key, value and entry views, their
 * iterators and entries included), and that hands every value to a validator before storing it.
 *
 * <p>It also remembers which values it handed out that the caller could change in place (a
 * list, a map, a bean: anything but the immutable value types), so that a session compares only
 * those at the end of a request instead of encoding everything ({@link #escapedKeys()}).
 *
 * <p>Null keys are refused, null values allowed. Not thread-safe, like the {@link LinkedHashMap}
 * behind it.
 */
final class TrackedMap implements Map<String, Object> {

    private final LinkedHashMap<String, Object> data;
    /** The content for encoding: read without handing values out (see {@link #content()}). */
    private final Map<String, Object> readOnly;
    private final BiConsumer<String, Object> validator;
    private final KeyChanges changes = new KeyChanges();
    private final TrackedViews views;
    private final FunctionWrites functions;
    /** What each mutable value handed out looked like then, by key; null until the first. */
    private final EscapedValues escaped;

    /**
     * An empty map.
     *
     * @param validator called as {@code accept(key, value)} before any value enters the map; it
     *                  throws to refuse the value, which then leaves the map untouched
     */
    public TrackedMap(BiConsumer<String, Object> validator) {
        this(Map.of(), validator);
    }

    /**
     * A map holding a copy of {@code initial}, which is neither validated nor counted as a change
     * (it is data that was already stored).
     *
     * @param initial   the mappings to start with; must not hold a null key
     * @param validator as for {@link #TrackedMap(BiConsumer)}
     */
    public TrackedMap(Map<String, ?> initial, BiConsumer<String, Object> validator) {
        this(initial, validator, String::valueOf);
    }

    /**
     * As {@link #TrackedMap(Map, BiConsumer)}, with the encoding used to compare mutable values
     * that cannot be copied (records, beans) for {@link #changedInPlace()}.
     */
    public TrackedMap(Map<String, ?> initial, BiConsumer<String, Object> validator, Function<Object, String> encoder) {
        this(new LinkedHashMap<>(initial), validator, encoder);
    }

    /**
     * As {@link #TrackedMap(Map, BiConsumer, Function)}, taking over {@code owned} when it is a plain
     * {@code LinkedHashMap} (as a freshly decoded session is) instead of copying it: the caller must
     * not use it afterwards.
     */
    static TrackedMap adopting(Map<String, Object> owned, BiConsumer<String, Object> validator,
            Function<Object, String> encoder) {
        return owned.getClass() == LinkedHashMap.class
                ? new TrackedMap((LinkedHashMap<String, Object>) owned, validator, encoder)
                : new TrackedMap(owned, validator, encoder);
    }

    private TrackedMap(LinkedHashMap<String, Object> data, BiConsumer<String, Object> validator,
            Function<Object, String> encoder) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.escaped = new EscapedValues(Objects.requireNonNull(encoder, "encoder"));
        this.data = data;
        this.readOnly = Collections.unmodifiableMap(data);
        this.views = new TrackedViews(this, data, changes, validator);
        this.functions = new FunctionWrites(data, changes, validator, escaped);
        // Checked on the LinkedHashMap: some maps (Map.of) throw on containsKey(null).
        if (data.containsKey(null)) {
            throw nullKey();
        }
    }

    /**
     * The number of content changes so far: it grows by at least 1 on each call that changed the
     * content and never on a call that did not.
     */
    public long changes() {
        return changes.count();
    }

    /**
     * The keys this map's own changes put, replaced or removed since it was created (a clear
     * counts every key it removed), whether or not the value ended up different from the stored one.
     */
    public Set<String> changedKeys() {
        return Collections.unmodifiableSet(changes.keys());
    }

    /**
     * Makes {@code stored} (what another request saved meanwhile) the content, with this map's own
     * changes applied on top: every key it changed, in place or not, keeps this map's value or stays
     * removed; every other key takes the stored value. Not counted as a change. After it, the keys
     * this map changed are exactly the ones it re-applied, so it can be rebased again.
     */
    public void rebase(Map<String, ?> stored) {
        Set<String> ours = new LinkedHashSet<>(changes.keys());
        ours.addAll(changedInPlace());
        LinkedHashMap<String, Object> merged = new LinkedHashMap<>(stored);
        for (String key : ours) {
            if (data.containsKey(key)) {
                merged.put(key, data.get(key));
            } else {
                merged.remove(key);
            }
        }
        data.clear();
        data.putAll(merged);
        changes.keys().addAll(ours);
        // The other keys' values are fresh from the store: nothing of them was handed out.
        escaped.retain(ours);
    }

    /**
     * The keys whose values were handed out (by {@code get}, a view, an entry, a function) and
     * may be changed in place by whoever holds them; empty when only immutable values were read.
     */
    /**
     * The content as it is, to encode for storage. Unlike the views, it hands nothing out: a save
     * reads every value, and remembering the mutable ones there would snapshot (encode) each of
     * them again for a change the application can no longer make to a value it never received.
     */
    Map<String, Object> content() {
        return readOnly;
    }

    public Set<String> escapedKeys() {
        return escaped.keys();
    }

    /**
     * The keys still present whose value was changed in place since it was handed out (an item
     * added to a list the application read). Costs nothing when no mutable value was handed out.
     */
    public Set<String> changedInPlace() {
        return escaped.changedIn(data);
    }

    /** Returns {@code value}, remembering it if it can be changed in place. */
    Object handOut(String key, Object value) {
        return escaped.handOut(key, value);
    }

    // ---- reads -------------------------------------------------------------------------------

    @Override public int size() { return data.size(); }
    @Override public boolean isEmpty() { return data.isEmpty(); }
    @Override public boolean containsKey(Object key) { return data.containsKey(key); }
    @Override public boolean containsValue(Object value) { return data.containsValue(value); }
    @Override
    public Object get(Object key) {
        Object value = data.get(key);
        return value == null ? null : handOut((String) key, value);
    }

    @Override
    public Object getOrDefault(Object key, Object dflt) {
        Object value = data.get(key);
        return value != null || data.containsKey(key) ? handOut((String) key, value) : dflt;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        escaped.handOutAll(data);
        data.forEach(action);
    }

    @Override public Set<String> keySet() { return views.keys(); }
    @Override public Collection<Object> values() { return views.values(); }
    @Override public Set<Map.Entry<String, Object>> entrySet() { return views.entries(); }

    @Override
    public boolean equals(Object o) {
        return o == this || data.equals(o);
    }

    @Override public int hashCode() { return data.hashCode(); }
    @Override public String toString() { return data.toString(); }

    // ---- writes ------------------------------------------------------------------------------

    @Override
    public Object put(String key, Object value) {
        requireKey(key);
        validator.accept(key, value);
        return store(key, value);
    }

    /** Stores an already validated value, counting the change if there is one. */
    private Object store(String key, Object value) {
        boolean had = data.containsKey(key);
        Object old = data.put(key, value);
        changes.record(key, !had || !Objects.equals(old, value));
        return old;
    }

    @Override
    public void putAll(Map<? extends String, ?> m) {
        // A snapshot, so that validation and storage see the same entries even if m is this map.
        List<Map.Entry<String, Object>> incoming = new ArrayList<>(m.size());
        for (Map.Entry<? extends String, ?> e : m.entrySet()) {
            incoming.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()));
        }
        for (Map.Entry<String, Object> e : incoming) {
            validator.accept(requireKey(e.getKey()), e.getValue());
        }
        for (Map.Entry<String, Object> e : incoming) {
            store(e.getKey(), e.getValue());
        }
    }

    @Override
    public Object remove(Object key) {
        if (!data.containsKey(key)) {
            return null;
        }
        changes.record(key, true);
        return data.remove(key);
    }

    @Override
    public boolean remove(Object key, Object value) {
        return changes.record(key, data.remove(key, value));
    }

    @Override
    public void clear() {
        if (!data.isEmpty()) {
            changes.recordAll(data.keySet());
            data.clear();
        }
    }

    @Override
    public Object putIfAbsent(String key, Object value) {
        requireKey(key);
        boolean had = data.containsKey(key);
        Object old = data.get(key);
        if (old != null) {
            return handOut(key, old);
        }
        validator.accept(key, value);
        data.put(key, value);
        // Absent -> anything is a change; null -> null is not.
        changes.record(key, !had || value != null);
        return null;
    }

    @Override
    public Object replace(String key, Object value) {
        requireKey(key);
        if (!data.containsKey(key)) {
            return null;
        }
        validator.accept(key, value);
        return store(key, value);
    }

    @Override
    public boolean replace(String key, Object oldValue, Object newValue) {
        requireKey(key);
        if (!data.containsKey(key) || !Objects.equals(data.get(key), oldValue)) {
            return false;
        }
        validator.accept(key, newValue);
        store(key, newValue);
        return true;
    }

    // ---- writes that take a function: FunctionWrites, after the key check every write makes ------

    @Override
    public Object compute(String key, BiFunction<? super String, ? super Object, ?> remapping) {
        return functions.compute(requireKey(key), remapping);
    }

    @Override
    public Object computeIfAbsent(String key, Function<? super String, ?> mapping) {
        return functions.computeIfAbsent(requireKey(key), mapping);
    }

    @Override
    public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> remapping) {
        return functions.computeIfPresent(requireKey(key), remapping);
    }

    @Override
    public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> remapping) {
        return functions.merge(requireKey(key), value, remapping);
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
        functions.replaceAll(function);
    }

    private static String requireKey(String key) {
        if (key == null) {
            throw nullKey();
        }
        return key;
    }

    private static NullPointerException nullKey() {
        return new NullPointerException("Session keys cannot be null");
    }
}
