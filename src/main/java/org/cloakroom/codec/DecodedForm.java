package org.cloakroom.codec;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds, without writing or reading JSON, the map that decoding a session's encoding returns:
 * every list an {@code ArrayList}, set a {@code LinkedHashSet} and map a {@code LinkedHashMap}, in
 * iteration order, with the immutable values shared. Only for content of JDK values: an
 * application record, bean or enum is something only decoding makes (with the application's
 * class loader and JSON-B), so content holding one has no such form here.
 */
final class DecodedForm {

    /** Returned by {@link #of} for a value only decoding can produce. */
    private static final Object NONE = new Object();

    private DecodedForm() {
    }

    /** The decoded form of {@code content}, or null if it holds a value only decoding can produce. */
    static Map<String, Object> of(Map<String, ?> content) {
        Map<String, Object> copy = new LinkedHashMap<>(capacity(content.size()));
        for (Map.Entry<String, ?> entry : content.entrySet()) {
            Object value = value(entry.getValue(), 0);
            if (value == NONE || entry.getKey() == null) {
                return null;
            }
            copy.put(entry.getKey(), value);
        }
        return copy;
    }

    private static Object value(Object value, int depth) {
        if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            return NONE;
        }
        // The common final classes first; then containers, which the table of scalar types never holds.
        if (value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            return depth >= WireFormat.MAX_DEPTH ? NONE : container(value, depth);
        }
        // Enums, records and beans are NONE: only decoding produces them, in the application's class loader.
        return WireFormat.scalarTag(value.getClass()) != null || value instanceof ZoneId ? value : NONE;
    }

    private static Object container(Object value, int depth) {
        if (value instanceof List<?> list) {
            return elements(list, new ArrayList<>(list.size()), depth);
        }
        if (value instanceof Set<?> set) {
            return elements(set, new LinkedHashSet<>(capacity(set.size())), depth);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>(capacity(map.size()));
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object k = value(entry.getKey(), depth + 1);
                Object v = value(entry.getValue(), depth + 1);
                if (k == NONE || k == null || v == NONE) {
                    return NONE;
                }
                copy.put(k, v);
            }
            // Keys equal once copied (an identity map's) would not decode either.
            return copy.size() == map.size() ? copy : NONE;
        }
        // Other collections (queues, say) are stored as nothing decoding gives back.
        return NONE;
    }

    private static Object elements(Collection<?> source, Collection<Object> target, int depth) {
        for (Object element : source) {
            Object copy = value(element, depth + 1);
            if (copy == NONE) {
                return NONE;
            }
            target.add(copy);
        }
        // A set whose elements became equal would not decode (duplicates are corrupt data).
        return target.size() == source.size() ? target : NONE;
    }

    private static int capacity(int size) {
        return size < 3 ? size + 1 : (int) (size / 0.75f) + 1;
    }
}
