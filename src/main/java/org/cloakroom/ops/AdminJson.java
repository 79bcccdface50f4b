package org.cloakroom.ops;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import org.cloakroom.internal.metrics.SessionMetrics;

/** The admin answers as JSON text (JSON-P, which every Jakarta EE server has). */
final class AdminJson {

    private AdminJson() {
    }

    static String inspected(SessionAdministration.Inspected session) {
        JsonObjectBuilder data = Json.createObjectBuilder();
        session.data().forEach((k, v) -> data.add(k, value(v)));
        return Json.createObjectBuilder().add("id", session.id()).add("size", session.size())
                .add("expiryAge", session.expiryAge()).add("data", data).build().toString();
    }

    static String summary(String engine, OptionalLong live, SessionMetrics metrics) {
        JsonObjectBuilder values = Json.createObjectBuilder();
        metrics.readings().forEach(r -> values.add(r.name(), r.value().getAsDouble()));
        JsonObjectBuilder answer = Json.createObjectBuilder().add("engine", engine);
        if (live.isPresent()) {
            answer.add("liveSessions", live.getAsLong());
        } else {
            answer.addNull("liveSessions");
        }
        return answer.add("metrics", values).build().toString();
    }

    static String count(String name, long value) {
        return Json.createObjectBuilder().add(name, value).build().toString();
    }

    /** Session values as JSON: strings, numbers, booleans, lists and maps as such; anything else as its text. */
    private static JsonValue value(Object v) {
        if (v == null) {
            return JsonValue.NULL;
        }
        if (v instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return Json.createValue(((Number) v).longValue());
        }
        if (v instanceof BigDecimal d) {
            return Json.createValue(d);
        }
        if (v instanceof BigInteger i) {
            return Json.createValue(i);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? Json.createValue(d) : Json.createValue(String.valueOf(d));
        }
        if (v instanceof Collection<?> list) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            list.forEach(item -> array.add(value(item)));
            return array.build();
        }
        if (v instanceof Map<?, ?> map) {
            JsonObjectBuilder object = Json.createObjectBuilder();
            map.forEach((k, item) -> object.add(String.valueOf(k), value(item)));
            return object.build();
        }
        return Json.createValue(String.valueOf(v));
    }
}
