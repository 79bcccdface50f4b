package org.cloakroom.codec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * A strict JSON reader for stored session data, straight to plain nodes: {@code String},
 * {@code Boolean}, {@link #NULL}, {@link Num} (a number's literal text), {@link Arr} and
 * {@link Obj} (which can give its own text, for payloads handed to JSON-B). Reading a session this
 * way skips building a JSON-P tree only to walk it once. Nesting is bounded beforehand by
 * {@link Decoder#checkEnvelope}; any syntax error is an {@link IllegalArgumentException}.
 */
final class JsonText {

    /** JSON's null, distinct from "absent". */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A number as written; converted only where the format expects one. */
    record Num(String text) {
        BigDecimal value() {
            return new BigDecimal(text);
        }
    }

    /** A JSON array. */
    static final class Arr extends ArrayList<Object> {
    }

    /**
     * A JSON object, in document order; a name may appear once. Its own text is cut out of the
     * document only when asked for (a JSON-B payload), not for every object read.
     */
    static final class Obj extends LinkedHashMap<String, Object> {
        private final String document;
        private final int start;
        private int end;

        Obj(String document, int start) {
            this.document = document;
            this.start = start;
        }

        String text() {
            return document.substring(start, end);
        }
    }

    private final String json;
    private int at;

    private JsonText(String json) {
        this.json = json;
    }

    /** The JSON object that is the whole of {@code json}. */
    static Obj object(String json) {
        JsonText reader = new JsonText(json);
        Object value = reader.value();
        reader.whitespace();
        if (!(value instanceof Obj object) || reader.at != json.length()) {
            throw reader.error("expected one JSON object");
        }
        return object;
    }

    private Object value() {
        whitespace();
        if (at >= json.length()) {
            throw error("unexpected end");
        }
        char c = json.charAt(at);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character");
        }
    }

    private Obj object() {
        Obj object = new Obj(json, at++);
        whitespace();
        if (peek() == '}') {
            at++;
        } else {
            while (true) {
                whitespace();
                if (peek() != '"') {
                    throw error("expected a name");
                }
                String name = string();
                whitespace();
                expect(':');
                if (object.put(name, value()) != null) {
                    throw error("a name appears twice in one object");
                }
                whitespace();
                if (peek() == ',') {
                    at++;
                } else {
                    expect('}');
                    break;
                }
            }
        }
        object.end = at;
        return object;
    }

    private Arr array() {
        at++;
        Arr array = new Arr();
        whitespace();
        if (peek() == ']') {
            at++;
        } else {
            while (true) {
                array.add(value());
                whitespace();
                if (peek() == ',') {
                    at++;
                } else {
                    expect(']');
                    break;
                }
            }
        }
        return array;
    }

    private String string() {
        int start = ++at;
        // The usual case: no escapes, so the text is a plain substring.
        while (at < json.length()) {
            char c = json.charAt(at);
            if (c == '"') {
                return json.substring(start, at++);
            }
            if (c == '\\') {
                break;
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            at++;
        }
        StringBuilder text = new StringBuilder(json.length() - start).append(json, start, at);
        while (at < json.length()) {
            char c = json.charAt(at++);
            if (c == '"') {
                return text.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            text.append(c == '\\' ? escaped() : c);
        }
        throw error("unterminated string");
    }

    private char escaped() {
        if (at >= json.length()) {
            throw error("unterminated escape");
        }
        char c = json.charAt(at++);
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (at + 4 > json.length()) {
                    throw error("truncated \\u escape");
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(json.charAt(at++), 16);
                    if (digit < 0) {
                        throw error("bad \\u escape");
                    }
                    code = code * 16 + digit;
                }
                yield (char) code;
            }
            default -> throw error("bad escape");
        };
    }

    /** JSON's grammar exactly: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    private Num number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        if (peek() == '0') {
            at++;
        } else if (!digits()) {
            throw error("bad number");
        }
        if (peek() == '.') {
            at++;
            if (!digits()) {
                throw error("bad fraction");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            at++;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            if (!digits()) {
                throw error("bad exponent");
            }
        }
        return new Num(json.substring(start, at));
    }

    private boolean digits() {
        int start = at;
        while (at < json.length() && json.charAt(at) >= '0' && json.charAt(at) <= '9') {
            at++;
        }
        return at > start;
    }

    private Object literal(String word, Object value) {
        if (!json.startsWith(word, at)) {
            throw error("unexpected word");
        }
        at += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private char peek() {
        return at < json.length() ? json.charAt(at) : '\0';
    }

    private void whitespace() {
        while (at < json.length()) {
            char c = json.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("Invalid JSON at offset " + at + ": " + problem);
    }
}
