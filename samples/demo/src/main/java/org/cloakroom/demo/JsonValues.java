package org.cloakroom.demo;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between JSON and the plain Java values a session stores, so that any JSON value a client
 * sends can be put in the session and shown back as the same JSON.
 */
final class JsonValues {

    private JsonValues() {
    }

    /** Parses a request body holding exactly one JSON value; a malformed body throws {@code JsonException}. */
    static JsonValue parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiErrors.badRequest("The body must be a JSON value, and it is empty");
        }
        try (JsonParser parser = Json.createParser(new StringReader(body))) {
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) { // Parsson throws here itself
                throw new JsonParsingException("Unexpected content after the JSON value", parser.getLocation());
            }
            return value;
        }
    }

    /** Parses a body that must be a JSON object. */
    static JsonObject parseObject(String body) {
        if (parse(body) instanceof JsonObject object) {
            return object;
        }
        throw ApiErrors.badRequest("The body must be a JSON object");
    }

    /** A JSON value as String, Long (BigInteger if larger), BigDecimal, Boolean, null, ArrayList or LinkedHashMap. */
    static Object toJava(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> number((JsonNumber) value);
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                value.asJsonArray().forEach(element -> list.add(toJava(element)));
                yield list;
            }
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                value.asJsonObject().forEach((name, member) -> map.put(name, toJava(member)));
                yield map;
            }
        };
    }

    private static Object number(JsonNumber number) {
        if (!number.isIntegral()) {
            return number.bigDecimalValue();
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException tooBig) {
            return number.bigIntegerValueExact();
        }
    }

    /** A stored value as JSON; values JSON has no type for (java.time, UUID, enums) become their text. */
    static JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Json.createValue(((Number) value).longValue());
        }
        if (value instanceof BigInteger i) {
            return Json.createValue(i);
        }
        if (value instanceof BigDecimal d) {
            return Json.createValue(d);
        }
        if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
            return Json.createValue(((Number) value).doubleValue());
        }
        if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = Json.createObjectBuilder();
            map.forEach((k, v) -> object.add(String.valueOf(k), toJson(v)));
            return object.build();
        }
        if (value instanceof Collection<?> collection) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            collection.forEach(element -> array.add(toJson(element)));
            return array.build();
        }
        return Json.createValue(value instanceof Enum<?> e ? e.name() : value.toString());
    }
}
