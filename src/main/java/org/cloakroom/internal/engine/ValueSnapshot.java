package org.cloakroom.internal.engine;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What a mutable session value looked like when the application was handed it, to tell at the end
 * of the request whether it was changed in place. Lists, sets and maps of the immutable value types
 * are copied (cheap, and compared in iteration order, since order is part of what is stored); any
 * other mutable value (a record holding a list, a JavaBean) is kept as its encoding.
 */
final class ValueSnapshot {

    /** Deeper than this, copying is not worth it: the encoding is used instead. */
    private static final int MAX_COPY_DEPTH = 8;

    private final Object copy;
    private final String encoding;

    private ValueSnapshot(Object copy, String encoding) {
        this.copy = copy;
        this.encoding = encoding;
    }

    /** Whether nothing can change {@code value} in place: the codec's immutable value types. */
    static boolean isImmutable(Object value) {
        return value == null || value instanceof String || value instanceof Boolean || value instanceof Character
                || value instanceof Integer || value instanceof Long || value instanceof Double || value instanceof Float
                || value instanceof Short || value instanceof Byte || value instanceof java.math.BigDecimal
                || value instanceof java.math.BigInteger || value instanceof Enum<?> || value instanceof java.util.UUID
                || value.getClass().getPackageName().equals("java.time");
    }

    /** @param encoder the value's encoding, for values that cannot be copied */
    static ValueSnapshot of(Object value, Function<Object, String> encoder) {
        Object copy = copy(value, 0);
        return copy != null ? new ValueSnapshot(copy, null) : new ValueSnapshot(null, encoder.apply(value));
    }

    /** Whether {@code live} is what this snapshot saw. */
    boolean matches(Object live, Function<Object, String> encoder) {
        return encoding != null ? encoding.equals(encoder.apply(live)) : same(copy, live);
    }

    /** A structure {@link #same} can compare, or null when the value is not made only of copyable parts. */
    private static Object copy(Object value, int depth) {
        if (isImmutable(value)) {
            return value == null ? Null.INSTANCE : value;
        }
        if (depth >= MAX_COPY_DEPTH) {
            return null;
        }
        if (value instanceof List<?> || value instanceof Set<?>) {
            Object[] items = copyAll((Collection<?>) value, depth);
            return items == null ? null : new Sequence(value.getClass(), items);
        }
        if (value instanceof Map<?, ?> map) {
            Object[] keys = copyAll(map.keySet(), depth);
            Object[] values = keys == null ? null : copyAll(map.values(), depth);
            return values == null ? null : new Mapping(value.getClass(), keys, values);
        }
        return null;
    }

    private static Object[] copyAll(Collection<?> items, int depth) {
        Object[] copies = new Object[items.size()];
        int i = 0;
        for (Object item : items) {
            Object copy = copy(item, depth + 1);
            if (copy == null || i == copies.length) {
                return null;
            }
            copies[i++] = copy;
        }
        return i == copies.length ? copies : null;
    }

    private static boolean same(Object copy, Object live) {
        if (copy instanceof Sequence seq) {
            return live != null && live.getClass() == seq.type && sameAll(seq.items, (Collection<?>) live);
        }
        if (copy instanceof Mapping map) {
            return live != null && live.getClass() == map.type
                    && sameAll(map.keys, ((Map<?, ?>) live).keySet()) && sameAll(map.values, ((Map<?, ?>) live).values());
        }
        if (copy == Null.INSTANCE) {
            return live == null;
        }
        return live != null && copy.getClass() == live.getClass() && Objects.equals(copy, live);
    }

    private static boolean sameAll(Object[] copies, Collection<?> live) {
        if (copies.length != live.size()) {
            return false;
        }
        Iterator<?> items = live.iterator();
        for (Object copy : copies) {
            if (!items.hasNext() || !same(copy, items.next())) {
                return false;
            }
        }
        return true;
    }

    private record Sequence(Class<?> type, Object[] items) {
    }

    private record Mapping(Class<?> type, Object[] keys, Object[] values) {
    }

    private enum Null { INSTANCE }
}
