package org.cloakroom.internal.engine;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The mutable values a {@link TrackedMap} handed out, by key, each with a snapshot of what it
 * looked like then, so that only those are compared at the end of a request. Holds nothing until
 * the first mutable value goes out.
 */
final class EscapedValues {

    private final Function<Object, String> encoder;
    private Map<String, ValueSnapshot> snapshots;

    /** @param encoder the stored encoding of a value, for values a snapshot cannot copy */
    EscapedValues(Function<Object, String> encoder) {
        this.encoder = encoder;
    }

    /** Returns {@code value}, first remembering it under {@code key} if it can be changed in place. */
    Object handOut(String key, Object value) {
        if (!ValueSnapshot.isImmutable(value)) {
            if (snapshots == null) {
                snapshots = new LinkedHashMap<>();
            }
            snapshots.computeIfAbsent(key, k -> ValueSnapshot.of(value, encoder));
        }
        return value;
    }

    /** Every value of {@code data} may be reached (a view, a function over all entries): remembers all mutable ones. */
    void handOutAll(Map<String, Object> data) {
        data.forEach(this::handOut);
    }

    Set<String> keys() {
        return snapshots == null ? Set.of() : snapshots.keySet();
    }

    /** Forgets the values handed out under any key not in {@code keys}. */
    void retain(Set<String> keys) {
        if (snapshots != null) {
            snapshots.keySet().retainAll(keys);
        }
    }

    /** The keys still in {@code data} whose value no longer matches its snapshot. */
    Set<String> changedIn(Map<String, Object> data) {
        if (snapshots == null) {
            return Set.of();
        }
        Set<String> changed = new LinkedHashSet<>();
        snapshots.forEach((key, before) -> {
            if (data.containsKey(key) && !before.matches(data.get(key), encoder)) {
                changed.add(key);
            }
        });
        return changed;
    }
}
