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
import static org.cloakroom.codec.WireFormat.MAX_JSON_DEPTH;
import static org.cloakroom.codec.WireFormat.NEGATIVE_ZERO;
import static org.cloakroom.codec.WireFormat.OBJECT;
import static org.cloakroom.codec.WireFormat.PAIR_MAP;
import static org.cloakroom.codec.WireFormat.SET;
import static org.cloakroom.codec.WireFormat.SHORT;
import static org.cloakroom.codec.WireFormat.endOfFirstStructure;
import static org.cloakroom.codec.WireFormat.isRecordOrBean;
import static org.cloakroom.codec.WireFormat.textParser;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns JSON in the {@link WireFormat} (read by {@link JsonText}) back into Java values. Any
 * mismatch with that format, including runtime exceptions from parsing a value's text, is reported
 * as {@link CorruptSessionDataException}.
 */
final class Decoder {

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
        int end = endOfFirstStructure(text, start, MAX_JSON_DEPTH);
        if (end < 0) {
            throw new CorruptSessionDataException("Session data is nested too deeply", null);
        }
        for (int i = end; i < text.length(); i++) {
            if (!isJsonWhitespace(text.charAt(i))) {
                throw new CorruptSessionDataException("Session data has text after its JSON object", null);
            }
        }
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
        boolean named = tag.equals(ENUM) || tag.equals(OBJECT);
        if (node.size() != (named ? 3 : 2)) {
            throw corrupt("has a '" + clip(tag) + "' value with the wrong number of parts");
        }
        Object payload = node.get(named ? 2 : 1);
        switch (tag) {
            case INT:
                return Math.toIntExact(integer(payload));
            case LONG:
                return integer(payload);
            case SHORT: {
                int n = Math.toIntExact(integer(payload));
                if (n != (short) n) {
                    throw corrupt("has a Short out of range");
                }
                return (short) n;
            }
            case BYTE: {
                int n = Math.toIntExact(integer(payload));
                if (n != (byte) n) {
                    throw corrupt("has a Byte out of range");
                }
                return (byte) n;
            }
            case DOUBLE: {
                double d = isNegativeZero(payload) ? -0.0d : number(payload).doubleValue();
                if (!Double.isFinite(d)) {
                    throw corrupt("has a Double out of range");
                }
                return d;
            }
            case FLOAT: {
                float f = isNegativeZero(payload) ? -0.0f : number(payload).floatValue();
                if (!Float.isFinite(f)) {
                    throw corrupt("has a Float out of range");
                }
                return f;
            }
            case LIST:
                return collection(payload, depth, new ArrayList<>());
            case SET:
                return collection(payload, depth, new LinkedHashSet<>());
            case MAP:
                return stringKeyMap(payload, depth);
            case PAIR_MAP:
                return pairMap(payload, depth);
            case ENUM:
                return enumConstant(text(node.get(1)), text(payload));
            case OBJECT:
                return applicationObject(text(node.get(1)), payload);
            default: {
                Function<String, Object> parser = textParser(tag);
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
        if (depth >= MAX_DEPTH) {
            throw corrupt("is nested more than " + MAX_DEPTH + " levels deep");
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
        if (!codec.isAllowed(type) || !isRecordOrBean(type)) {
            throw corrupt("names " + className + ", which is not an allow-listed record or JavaBean");
        }
        if (payload == JsonText.NULL) {
            throw corrupt("has a null " + className);
        }
        if (!(payload instanceof JsonText.Obj object)) {
            throw corrupt("has a " + className + " that is not a JSON object");
        }
        Object value = codec.jsonb().fromJson(object.text(), type);
        if (value == null) {
            throw corrupt("has a null " + className);
        }
        return value;
    }

    private static boolean isNegativeZero(Object payload) {
        return NEGATIVE_ZERO.equals(payload);
    }

    private BigDecimal number(Object payload) throws CorruptSessionDataException {
        if (!(payload instanceof JsonText.Num number)) {
            throw corrupt("has a number that is not a JSON number");
        }
        return number.value();
    }

    /**
     * An integral number's exact value; the literals the encoder writes (an optional minus and at
     * most 18 digits) are parsed directly, any other through {@link BigDecimal}.
     *
     * @throws ArithmeticException if it has a fraction or does not fit a long
     */
    private long integer(Object payload) throws CorruptSessionDataException {
        if (payload instanceof JsonText.Num number && isShortIntegerLiteral(number.text())) {
            return Long.parseLong(number.text());
        }
        return number(payload).longValueExact();
    }

    private static boolean isShortIntegerLiteral(String text) {
        int first = text.startsWith("-") ? 1 : 0;
        if (text.length() == first || text.length() - first > 18) {
            return false;
        }
        for (int i = first; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
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
