package org.cloakroom.codec;

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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns the JSON {@link Encoder} wrote (read by {@link JsonText}) back into Java values. Any mismatch with that format,
 * including runtime exceptions from parsing a value's text, is reported as
 * {@link CorruptSessionDataException}.
 */
final class Decoder {

    /** Whole-document JSON nesting: the containers' own, plus the most a record's JSON may add. */
    private static final int MAX_JSON_DEPTH = 3 * Encoder.MAX_DEPTH + Encoder.MAX_OBJECT_JSON_DEPTH + 8;

    /** Types whose value is stored as one JSON string. */
    private static final Map<String, Function<String, Object>> TEXT_TYPES = Map.ofEntries(
            Map.entry("c", Decoder::character),
            Map.entry("bd", BigDecimal::new),
            Map.entry("bi", BigInteger::new),
            Map.entry("u", UUID::fromString),
            Map.entry("t:Instant", Instant::parse),
            Map.entry("t:LocalDate", LocalDate::parse),
            Map.entry("t:LocalTime", LocalTime::parse),
            Map.entry("t:LocalDateTime", LocalDateTime::parse),
            Map.entry("t:OffsetDateTime", OffsetDateTime::parse),
            Map.entry("t:OffsetTime", OffsetTime::parse),
            Map.entry("t:ZonedDateTime", ZonedDateTime::parse),
            Map.entry("t:Duration", Duration::parse),
            Map.entry("t:Period", Period::parse),
            // Year.parse wants a sign beyond four digits, which Year.toString does not write.
            Map.entry("t:Year", text -> Year.of(Integer.parseInt(text))),
            Map.entry("t:YearMonth", YearMonth::parse),
            Map.entry("t:MonthDay", MonthDay::parse),
            Map.entry(Encoder.ZONE_ID_TAG, ZoneId::of),
            Map.entry("t:ZoneOffset", ZoneOffset::of),
            Map.entry("t:DayOfWeek", DayOfWeek::valueOf),
            Map.entry("t:Month", Month::valueOf));

    private final SessionCodec codec;
    private String key;

    Decoder(SessionCodec codec) {
        this.codec = codec;
    }

    /**
     * Checks, before the JSON parser sees it, that the text is one JSON object with nothing after
     * it and no deeper nesting than the format can produce, so parsing cannot recurse without bound.
     */
    static void checkEnvelope(String text) throws CorruptSessionDataException {
        int start = 0;
        while (start < text.length() && isJsonWhitespace(text.charAt(start))) {
            start++;
        }
        if (start == text.length() || text.charAt(start) != '{') {
            throw new CorruptSessionDataException("Session data is not a JSON object", null);
        }
        int end = scan(text, start, MAX_JSON_DEPTH);
        if (end < 0) {
            throw new CorruptSessionDataException("Session data is nested too deeply", null);
        }
        for (int i = end; i < text.length(); i++) {
            if (!isJsonWhitespace(text.charAt(i))) {
                throw new CorruptSessionDataException("Session data has text after its JSON object", null);
            }
        }
    }

    /** Whether JSON text nests arrays and objects deeper than {@code limit}. */
    static boolean nestingExceeds(String json, int limit) {
        return scan(json, 0, limit) == -1;
    }

    /**
     * Follows brackets outside strings from {@code start}: returns the index after the bracket
     * closing the first structure (or the text's length), or -1 once nesting exceeds the limit.
     */
    private static int scan(String text, int start, int limit) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > limit) {
                    return -1;
                }
            } else if ((c == ']' || c == '}') && --depth <= 0) {
                return i + 1;
            }
        }
        return text.length();
    }

    private static boolean isJsonWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    Map<String, Object> session(JsonText.Obj top) throws CorruptSessionDataException {
        Map<String, Object> data = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : top.entrySet()) {
            key = entry.getKey();
            try {
                data.put(key, value(entry.getValue(), 0));
            } catch (RuntimeException | LinkageError e) {
                // Bad ISO text, out-of-range numbers, JSON-B failures: report them with the key.
                throw new CorruptSessionDataException("Session data is corrupt: the value of key '"
                        + clip(key) + "' cannot be read (" + e + ")", e);
            }
        }
        return data;
    }

    private Object value(Object json, int depth) throws CorruptSessionDataException {
        if (json == JsonText.NULL) {
            return null;
        }
        if (json instanceof String || json instanceof Boolean) {
            return json;
        }
        if (json instanceof JsonText.Arr array) {
            return tagged(array, depth);
        }
        throw corrupt("has an untagged " + (json instanceof JsonText.Num ? "NUMBER" : "OBJECT"));
    }

    private Object tagged(JsonText.Arr node, int depth) throws CorruptSessionDataException {
        if (node.size() < 2 || !(node.get(0) instanceof String tag)) {
            throw corrupt("has an array that is not [tag, value]");
        }
        boolean named = tag.equals("e") || tag.equals("o");
        if (node.size() != (named ? 3 : 2)) {
            throw corrupt("has a '" + clip(tag) + "' value with the wrong number of parts");
        }
        Object payload = node.get(named ? 2 : 1);
        switch (tag) {
            case "i":
                return number(payload).intValueExact();
            case "L":
                return number(payload).longValueExact();
            case "sh": {
                int n = number(payload).intValueExact();
                if (n != (short) n) {
                    throw corrupt("has a Short out of range");
                }
                return (short) n;
            }
            case "by": {
                int n = number(payload).intValueExact();
                if (n != (byte) n) {
                    throw corrupt("has a Byte out of range");
                }
                return (byte) n;
            }
            case "d": {
                double d = isNegativeZero(payload) ? -0.0d : number(payload).doubleValue();
                if (!Double.isFinite(d)) {
                    throw corrupt("has a Double out of range");
                }
                return d;
            }
            case "f": {
                float f = isNegativeZero(payload) ? -0.0f : number(payload).floatValue();
                if (!Float.isFinite(f)) {
                    throw corrupt("has a Float out of range");
                }
                return f;
            }
            case "l":
                return collection(payload, depth, new ArrayList<>());
            case "s":
                return collection(payload, depth, new LinkedHashSet<>());
            case "m":
                return stringKeyMap(payload, depth);
            case "mp":
                return pairMap(payload, depth);
            case "e":
                return enumConstant(text(node.get(1)), text(payload));
            case "o":
                return applicationObject(text(node.get(1)), payload);
            default: {
                Function<String, Object> parser = TEXT_TYPES.get(tag);
                if (parser == null) {
                    throw corrupt("has an unknown tag '" + clip(tag) + "'");
                }
                return parser.apply(text(payload));
            }
        }
    }

    private Object collection(Object payload, int depth, Collection<Object> target)
            throws CorruptSessionDataException {
        enter(depth);
        for (Object element : array(payload)) {
            // A Set cannot hold duplicates, and a List never reports false.
            if (!target.add(value(element, depth + 1))) {
                throw corrupt("has a Set with a duplicate element");
            }
        }
        return target;
    }

    private Map<Object, Object> stringKeyMap(Object payload, int depth) throws CorruptSessionDataException {
        if (!(payload instanceof JsonText.Obj object)) {
            throw corrupt("has a map that is not a JSON object");
        }
        enter(depth);
        Map<Object, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : object.entrySet()) {
            map.put(entry.getKey(), value(entry.getValue(), depth + 1));
        }
        return map;
    }

    private Map<Object, Object> pairMap(Object payload, int depth) throws CorruptSessionDataException {
        enter(depth);
        Map<Object, Object> map = new LinkedHashMap<>();
        for (Object pairValue : array(payload)) {
            List<Object> pair = array(pairValue);
            if (pair.size() != 2) {
                throw corrupt("has a map entry that is not [key, value]");
            }
            Object k = value(pair.get(0), depth + 1);
            if (k == null || map.containsKey(k)) {
                throw corrupt("has a map with a null or duplicate key");
            }
            map.put(k, value(pair.get(1), depth + 1));
        }
        return map;
    }

    private void enter(int depth) throws CorruptSessionDataException {
        if (depth >= Encoder.MAX_DEPTH) {
            throw corrupt("is nested more than " + Encoder.MAX_DEPTH + " levels deep");
        }
    }

    /**
     * Enums need no allow-list entry: resolving a constant only runs the enum's own static
     * initializer, never a constructor or setter chosen by the data. The class is loaded without
     * initializing and must be an enum before anything else happens to it.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object enumConstant(String className, String constant) throws CorruptSessionDataException {
        Class<?> type = codec.loadClass(className);
        if (!type.isEnum()) {
            throw corrupt("names " + clip(className) + " as an enum, which it is not");
        }
        try {
            return Enum.valueOf((Class) type, constant);
        } catch (IllegalArgumentException e) {
            throw corrupt("names an unknown constant of " + className);
        }
    }

    private Object applicationObject(String className, Object payload) throws CorruptSessionDataException {
        // The allow-list is checked on the name so that nothing else is ever loaded, let alone built.
        if (!codec.isAllowedNameBeforeLoading(className)) {
            throw corrupt("names " + clip(className) + ", which is not in the allow-list");
        }
        Class<?> type = codec.loadClass(className);
        if (!codec.isAllowed(type) || !Encoder.isRecordOrBean(type)) {
            throw corrupt("names " + className + ", which is not an allow-listed record or JavaBean");
        }
        if (payload == JsonText.NULL) {
            throw corrupt("has a null " + className);
        }
        if (!(payload instanceof JsonText.Obj object)) {
            throw corrupt("has a " + className + " that is not a JSON object");
        }
        Object value = codec.jsonb().fromJson(object.text, type);
        if (value == null) {
            throw corrupt("has a null " + className);
        }
        return value;
    }

    private static Object character(String text) {
        if (text.length() != 1) {
            throw new IllegalArgumentException("A Character must be one char");
        }
        return text.charAt(0);
    }

    private static boolean isNegativeZero(Object payload) {
        return "-0.0".equals(payload);
    }

    private BigDecimal number(Object payload) throws CorruptSessionDataException {
        if (!(payload instanceof JsonText.Num number)) {
            throw corrupt("has a number that is not a JSON number");
        }
        return number.value();
    }

    private String text(Object payload) throws CorruptSessionDataException {
        if (!(payload instanceof String text)) {
            throw corrupt("has a value that is not a JSON string where one is expected");
        }
        return text;
    }

    private List<Object> array(Object payload) throws CorruptSessionDataException {
        if (!(payload instanceof JsonText.Arr array)) {
            throw corrupt("has a collection that is not a JSON array");
        }
        return array;
    }

    private static String clip(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    private CorruptSessionDataException corrupt(String problem) {
        return new CorruptSessionDataException(
                "Session data is corrupt: the value of key '" + clip(key) + "' " + problem, null);
    }
}
