package org.cloakroom.internal.engine;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The writes of a {@link TrackedMap} that take a function ({@code compute}, {@code merge},
 * {@code replaceAll}...). They delegate to {@link LinkedHashMap} so that its exact contract (null
 * results, fail-fast on a function that modifies the map) holds; validation runs inside the
 * function, before the {@code LinkedHashMap} stores anything. The map checks the key first.
 */
final class FunctionWrites {

    private final LinkedHashMap<String, Object> data;
    private final KeyChanges changes;
    private final BiConsumer<String, Object> validator;
    private final EscapedValues escaped;

    FunctionWrites(LinkedHashMap<String, Object> data, KeyChanges changes, BiConsumer<String, Object> validator,
                   EscapedValues escaped) {
        this.data = data;
        this.changes = changes;
        this.validator = validator;
        this.escaped = escaped;
    }

    Object compute(String key, BiFunction<? super String, ? super Object, ?> remapping) {
        Objects.requireNonNull(remapping);
        boolean had = data.containsKey(key);
        Object before = data.get(key);
        escaped.handOut(key, before);
        Object after = data.compute(key, (k, old) -> validated(k, remapping.apply(k, old)));
        countTransition(key, had, before, after);
        return after;
    }

    Object computeIfAbsent(String key, Function<? super String, ?> mapping) {
        Objects.requireNonNull(mapping);
        Object before = data.get(key);
        Object after = data.computeIfAbsent(key, k -> validated(k, mapping.apply(k)));
        escaped.handOut(key, after);
        changes.record(key, before == null && after != null);
        return after;
    }

    Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> remapping) {
        Objects.requireNonNull(remapping);
        Object before = data.get(key);
        escaped.handOut(key, before);
        Object after = data.computeIfPresent(key, (k, old) -> validated(k, remapping.apply(k, old)));
        if (before != null) {
            countTransition(key, true, before, after);
        }
        return after;
    }

    Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> remapping) {
        Objects.requireNonNull(value);
        Objects.requireNonNull(remapping);
        boolean had = data.containsKey(key);
        Object before = data.get(key);
        if (before == null) {
            // LinkedHashMap stores value itself, without calling the function.
            validator.accept(key, value);
        }
        escaped.handOut(key, before);
        Object after = data.merge(key, value, (old, given) -> validated(key, remapping.apply(old, given)));
        countTransition(key, had, before, after);
        return escaped.handOut(key, after);
    }

    void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
        Objects.requireNonNull(function);
        escaped.handOutAll(data);
        List<Map.Entry<String, Object>> entries = new ArrayList<>(data.entrySet());
        Object[] replacements = new Object[entries.size()];
        long changesBefore = changes.count();
        for (int i = 0; i < replacements.length; i++) {
            Map.Entry<String, Object> e = entries.get(i);
            replacements[i] = function.apply(e.getKey(), e.getValue());
        }
        for (int i = 0; i < replacements.length; i++) {
            validator.accept(entries.get(i).getKey(), replacements[i]);
        }
        // Every change to the content goes through the map, so the counter doubles as a modCount.
        if (changes.count() != changesBefore) {
            throw new ConcurrentModificationException();
        }
        for (int i = 0; i < replacements.length; i++) {
            Map.Entry<String, Object> e = entries.get(i);
            changes.record(e.getKey(), !Objects.equals(e.setValue(replacements[i]), replacements[i]));
        }
    }

    /** A function result checked by the validator; null means "remove" and is not stored. */
    private Object validated(String key, Object value) {
        if (value != null) {
            validator.accept(key, value);
        }
        return value;
    }

    /** Counts the step from (had, before) to after, where a null after means the key is gone. */
    private void countTransition(String key, boolean had, Object before, Object after) {
        changes.record(key, after == null ? had : !had || !Objects.equals(before, after));
    }
}
