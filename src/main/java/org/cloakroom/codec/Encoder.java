package org.cloakroom.codec;

import jakarta.json.bind.annotation.JsonbCreator;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.cloakroom.UnstorableValueException;

/**
 * Walks one top-level session value: checks that it can be stored and, given a generator, writes
 * it. One walk serves both so that {@code requireStorable} and {@code encode} never disagree.
 */
final class Encoder {

    /** Containers (List, Set, Map) nested inside one another, at most. */
    static final int MAX_DEPTH = 64;
    /** JSON nesting allowed inside one record or bean as JSON-B writes it. */
    static final int MAX_OBJECT_JSON_DEPTH = 200;

    static final String SUPPORTED = "is not a type the session can store; it stores null, String,"
            + " Boolean, Character, Integer, Long, Short, Byte, Double, Float, BigDecimal, BigInteger,"
            + " UUID, java.time values, enums, List/Set/Map of those, and allow-listed records"
            + " and JavaBeans";

    /** Tags of the single-valued types, looked up by exact class so subclasses are not mistaken. */
    private static final Map<Class<?>, String> SCALAR_TAGS = Map.ofEntries(
            Map.entry(Integer.class, "i"), Map.entry(Long.class, "L"),
            Map.entry(Short.class, "sh"), Map.entry(Byte.class, "by"),
            Map.entry(Double.class, "d"), Map.entry(Float.class, "f"),
            Map.entry(Character.class, "c"), Map.entry(BigDecimal.class, "bd"),
            Map.entry(BigInteger.class, "bi"), Map.entry(UUID.class, "u"),
            timeTag(Instant.class), timeTag(LocalDate.class), timeTag(LocalTime.class),
            timeTag(LocalDateTime.class), timeTag(OffsetDateTime.class), timeTag(OffsetTime.class),
            timeTag(ZonedDateTime.class), timeTag(Duration.class), timeTag(Period.class),
            timeTag(Year.class), timeTag(YearMonth.class), timeTag(MonthDay.class),
            timeTag(ZoneOffset.class), timeTag(DayOfWeek.class), timeTag(Month.class));

    /** ZoneId's region subclass is not public, so it is matched with instanceof. */
    static final String ZONE_ID_TAG = "t:ZoneId";

    private static final long NEGATIVE_ZERO_DOUBLE = Double.doubleToRawLongBits(-0.0d);
    private static final int NEGATIVE_ZERO_FLOAT = Float.floatToRawIntBits(-0.0f);

    private final SessionCodec codec;
    private final String key;
    private final JsonOut out;
    // Containers on the path from the top-level value, by identity: a cycle, not mere sharing.
    private final Map<Object, Boolean> path = new IdentityHashMap<>();

    /** @param out where to write, or null to only check */
    Encoder(SessionCodec codec, String key, JsonOut out) {
        this.codec = codec;
        this.key = key;
        this.out = out;
    }

    private static Map.Entry<Class<?>, String> timeTag(Class<?> type) {
        return Map.entry(type, "t:" + type.getSimpleName());
    }

    void value(Object value, int depth) {
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
        } else if (SCALAR_TAGS.containsKey(value.getClass())) {
            scalar(SCALAR_TAGS.get(value.getClass()), value);
        } else if (value instanceof ZoneId zone) {
            if (out != null) {
                out.writeStartArray().write(ZONE_ID_TAG).write(zone.getId()).writeEnd();
            }
        } else if (value instanceof Enum<?> constant) {
            // getDeclaringClass, not getClass: a constant with a body is an anonymous subclass.
            if (out != null) {
                out.writeStartArray().write("e").write(constant.getDeclaringClass().getName())
                        .write(constant.name()).writeEnd();
            }
        } else if (value instanceof List<?> list) {
            elements("l", list, depth);
        } else if (value instanceof Set<?> set) {
            elements("s", set, depth);
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
            case "i", "sh", "by" -> out.write(((Number) value).intValue());
            case "L" -> out.write((Long) value);
            // JSON-P reads numbers as BigDecimal, which has no negative zero: that one goes as text.
            case "d" -> {
                double d = (Double) value;
                if (Double.doubleToRawLongBits(d) == NEGATIVE_ZERO_DOUBLE) {
                    out.write("-0.0");
                } else {
                    out.write(d);
                }
            }
            case "f" -> {
                float f = (Float) value;
                if (Float.floatToRawIntBits(f) == NEGATIVE_ZERO_FLOAT) {
                    out.write("-0.0");
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
            out.writeStartArray().write(stringKeys ? "m" : "mp");
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
        if (Decoder.nestingExceeds(json, MAX_OBJECT_JSON_DEPTH)) {
            throw refuse(type, "is nested more than " + MAX_OBJECT_JSON_DEPTH + " levels deep as JSON");
        }
        // Only an object decodes back; reading it also proves JSON-B wrote valid JSON.
        JsonText.Obj tree;
        try {
            tree = JsonText.object(json);
        } catch (IllegalArgumentException e) {
            throw refuse(type, "was not written as a JSON object by JSON-B (" + e.getMessage() + ")");
        }
        out.writeStartArray().write("o").write(type.getName()).writeJson(tree.text).writeEnd();
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

    /** Records, and concrete classes JSON-B can instantiate: a public no-arg constructor or a creator. */
    static boolean isRecordOrBean(Class<?> type) {
        if (type.isInterface() || type.isArray() || type.isPrimitive() || type.isHidden()
                || type.isAnonymousClass() || type.isSynthetic()
                || Enum.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
            return false;
        }
        if (type.isRecord()) {
            return true;
        }
        try {
            type.getConstructor();
            return true;
        } catch (NoSuchMethodException | SecurityException e) {
            return Stream.<Executable>concat(Stream.of(type.getDeclaredConstructors()),
                            Stream.of(type.getDeclaredMethods()))
                    .anyMatch(member -> member.isAnnotationPresent(JsonbCreator.class));
        }
    }

    private UnstorableValueException refuse(Class<?> type, String reason) {
        return new UnstorableValueException(key, type, reason);
    }
}
