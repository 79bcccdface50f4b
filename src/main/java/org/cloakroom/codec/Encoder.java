package org.cloakroom.codec;

import static org.cloakroom.codec.WireFormat.BYTE;
import static org.cloakroom.codec.WireFormat.DOUBLE;
import static org.cloakroom.codec.WireFormat.ENUM;
import static org.cloakroom.codec.WireFormat.FLOAT;
import static org.cloakroom.codec.WireFormat.INT;
import static org.cloakroom.codec.WireFormat.LIST;
import static org.cloakroom.codec.WireFormat.LONG;
import static org.cloakroom.codec.WireFormat.MAP;
import static org.cloakroom.codec.WireFormat.MAX_DEPTH;
import static org.cloakroom.codec.WireFormat.MAX_OBJECT_JSON_DEPTH;
import static org.cloakroom.codec.WireFormat.NEGATIVE_ZERO;
import static org.cloakroom.codec.WireFormat.OBJECT;
import static org.cloakroom.codec.WireFormat.PAIR_MAP;
import static org.cloakroom.codec.WireFormat.SET;
import static org.cloakroom.codec.WireFormat.SHORT;
import static org.cloakroom.codec.WireFormat.ZONE_ID;
import static org.cloakroom.codec.WireFormat.isRecordOrBean;
import static org.cloakroom.codec.WireFormat.nestingExceeds;
import static org.cloakroom.codec.WireFormat.scalarTag;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cloakroom.UnstorableValueException;

/**
 * Walks one top-level session value: checks that it can be stored and, given a generator, writes
 * it. One walk serves both so that {@code requireStorable} and {@code encode} never disagree.
 */
final class Encoder {

    private static final String SUPPORTED = "is not a type the session can store; it stores null, String,"
            + " Boolean, Character, Integer, Long, Short, Byte, Double, Float, BigDecimal, BigInteger,"
            + " UUID, java.time values, enums, List/Set/Map of those, and allow-listed records"
            + " and JavaBeans";

    private static final long NEGATIVE_ZERO_DOUBLE = Double.doubleToRawLongBits(-0.0d);
    private static final int NEGATIVE_ZERO_FLOAT = Float.floatToRawIntBits(-0.0f);

    private final SessionCodec codec;
    private final String key;
    private final JsonOut out;
    // Containers on the path from the top-level value, by identity: a cycle, not mere sharing.
    // Made on the first container: most values are scalars.
    private Map<Object, Boolean> path;

    /** @param out where to write, or null to only check */
    Encoder(SessionCodec codec, String key, JsonOut out) {
        this.codec = codec;
        this.key = key;
        this.out = out;
    }

    void value(Object value, int depth) {
        String tag;
        if (value == null) {
            if (out != null) {
                out.writeNull();
            }
        } else if (value instanceof String s) {
            if (out != null) {
                out.write(s);
            }
        } else if (value instanceof Boolean b) {
            if (out != null) {
                out.write(b);
            }
        } else if ((tag = scalarTag(value.getClass())) != null) {
            scalar(tag, value);
        } else if (value instanceof ZoneId zone) {
            // A region's class is not public, so it cannot be looked up by exact class.
            if (out != null) {
                out.writeStartArray().write(ZONE_ID).write(zone.getId()).writeEnd();
            }
        } else if (value instanceof Enum<?> constant) {
            // getDeclaringClass, not getClass: a constant with a body is an anonymous subclass.
            if (out != null) {
                out.writeStartArray().write(ENUM).write(constant.getDeclaringClass().getName())
                        .write(constant.name()).writeEnd();
            }
        } else if (value instanceof List<?> list) {
            elements(LIST, list, depth);
        } else if (value instanceof Set<?> set) {
            elements(SET, set, depth);
        } else if (value instanceof Map<?, ?> map) {
            map(map, depth);
        } else {
            applicationObject(value);
        }
    }

    private void scalar(String tag, Object value) {
        if (value instanceof Double d && !Double.isFinite(d)
                || value instanceof Float f && !Float.isFinite(f)) {
            throw refuse(value.getClass(), "is NaN or infinite, which JSON cannot represent");
        }
        if (out == null) {
            return;
        }
        out.writeStartArray().write(tag);
        switch (tag) {
            case INT, SHORT, BYTE -> out.write(((Number) value).intValue());
            case LONG -> out.write((Long) value);
            case DOUBLE -> {
                double d = (Double) value;
                if (Double.doubleToRawLongBits(d) == NEGATIVE_ZERO_DOUBLE) {
                    out.write(NEGATIVE_ZERO);
                } else {
                    out.write(d);
                }
            }
            case FLOAT -> {
                float f = (Float) value;
                if (Float.floatToRawIntBits(f) == NEGATIVE_ZERO_FLOAT) {
                    out.write(NEGATIVE_ZERO);
                } else {
                    // Float's own shortest form, not the longer one of the widened double.
                    out.write(new BigDecimal(Float.toString(f)));
                }
            }
            default -> out.write(value.toString()); // ISO-8601 for java.time, exact for BigDecimal
        }
        out.writeEnd();
    }

    private void elements(String tag, Collection<?> elements, int depth) {
        enter(elements, depth);
        if (out != null) {
            out.writeStartArray().write(tag).writeStartArray();
        }
        for (Object element : elements) {
            value(element, depth + 1);
        }
        if (out != null) {
            out.writeEnd().writeEnd();
        }
        path.remove(elements);
    }

    private void map(Map<?, ?> map, int depth) {
        enter(map, depth);
        boolean stringKeys = true;
        for (Object k : map.keySet()) {
            if (k == null) {
                throw refuse(map.getClass(), "has a null key, which cannot be stored");
            }
            stringKeys &= k instanceof String;
        }
        if (out != null) {
            out.writeStartArray().write(stringKeys ? MAP : PAIR_MAP);
            if (stringKeys) {
                out.writeStartObject();
            } else {
                out.writeStartArray();
            }
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (stringKeys) {
                if (out != null) {
                    out.writeKey((String) entry.getKey());
                }
            } else {
                if (out != null) {
                    out.writeStartArray();
                }
                value(entry.getKey(), depth + 1);
            }
            value(entry.getValue(), depth + 1);
            if (!stringKeys && out != null) {
                out.writeEnd();
            }
        }
        if (out != null) {
            out.writeEnd().writeEnd();
        }
        path.remove(map);
    }

    private void enter(Object container, int depth) {
        if (depth >= MAX_DEPTH) {
            throw refuse(container.getClass(), "is nested more than " + MAX_DEPTH
                    + " levels deep inside the session value");
        }
        if (path == null) {
            path = new IdentityHashMap<>();
        }
        if (path.put(container, Boolean.TRUE) != null) {
            throw refuse(container.getClass(), "contains itself (a cycle), which cannot be stored");
        }
    }

    private void applicationObject(Object value) {
        Class<?> type = value.getClass();
        String problem = applicationTypeProblem(type);
        if (problem != null) {
            throw refuse(type, problem);
        }
        if (out == null) {
            return;
        }
        String json;
        try {
            json = codec.jsonb().toJson(value);
        } catch (RuntimeException | StackOverflowError e) {
            throw refuse(type, "could not be written as JSON by JSON-B (" + e + ")");
        }
        // Decoding refuses deeper JSON, so refuse it now rather than lose the session later.
        if (nestingExceeds(json, MAX_OBJECT_JSON_DEPTH)) {
            throw refuse(type, "is nested more than " + MAX_OBJECT_JSON_DEPTH + " levels deep as JSON");
        }
        // Only an object decodes back; reading it also proves JSON-B wrote valid JSON.
        JsonText.Obj tree;
        try {
            tree = JsonText.object(json);
        } catch (IllegalArgumentException e) {
            throw refuse(type, "was not written as a JSON object by JSON-B (" + e.getMessage() + ")");
        }
        out.writeStartArray().write(OBJECT).write(type.getName()).writeJson(tree.text()).writeEnd();
    }

    /** Why a type that is none of the built-in ones cannot be stored, or null when it can. */
    private String applicationTypeProblem(Class<?> type) {
        if (type.isArray()) {
            return "is an array, which the session does not store; use a List";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "is a Collection but neither a List nor a Set; use a List or a Set";
        }
        if (type.isHidden() || type.isAnonymousClass() || type.isSynthetic()) {
            return "is a lambda or anonymous class, which cannot be restored by name; " + SUPPORTED;
        }
        boolean shaped = isRecordOrBean(type);
        if (shaped && codec.isAllowed(type)) {
            return null;
        }
        ClassLoader loader = type.getClassLoader();
        if (loader == null || loader == ClassLoader.getPlatformClassLoader()) {
            return SUPPORTED; // a JDK class such as java.util.Date or Optional
        }
        if (!shaped) {
            return "is neither a record nor a JavaBean with a public no-arg constructor; " + SUPPORTED;
        }
        String pkg = type.getPackageName().isEmpty() ? "com.example" : type.getPackageName();
        return "is not in the session serializer's allow-list; add it (or its package as " + pkg
                + ".*) to SESSION_SERIALIZER_ALLOWED_TYPES";
    }

    private UnstorableValueException refuse(Class<?> type, String reason) {
        return new UnstorableValueException(key, type, reason);
    }
}
