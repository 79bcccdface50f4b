package org.cloakroom.codec;

import java.math.BigDecimal;

/**
 * Writes compact JSON into a {@link StringBuilder}: the few calls {@link Encoder} needs, with the
 * commas between members kept track of here. Strings are escaped as JSON requires (quote,
 * backslash, control characters), and nothing else is.
 */
final class JsonOut {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder text;
    /** Per open container, from the outermost: its closing bracket, and whether the next member needs a comma first. */
    private char[] closers = new char[16];
    private boolean[] needsComma = new boolean[16];
    private int depth;
    /** After a key: the next value follows its colon, without a comma. */
    private boolean afterKey;

    JsonOut(StringBuilder text) {
        this.text = text;
    }

    JsonOut writeStartObject() {
        beforeValue();
        text.append('{');
        open('}');
        return this;
    }

    JsonOut writeStartArray() {
        beforeValue();
        text.append('[');
        open(']');
        return this;
    }

    JsonOut writeEnd() {
        if (depth == 0) {
            throw new IllegalStateException("no open JSON container");
        }
        text.append(closers[--depth]);
        return this;
    }

    JsonOut writeKey(String name) {
        beforeValue();
        string(name);
        text.append(':');
        afterKey = true;
        return this;
    }

    JsonOut write(String value) {
        beforeValue();
        string(value);
        return this;
    }

    JsonOut write(boolean value) {
        beforeValue();
        text.append(value);
        return this;
    }

    JsonOut write(int value) {
        beforeValue();
        text.append(value);
        return this;
    }

    JsonOut write(long value) {
        beforeValue();
        text.append(value);
        return this;
    }

    /** A finite double (the encoder checks). */
    JsonOut write(double value) {
        beforeValue();
        text.append(value);
        return this;
    }

    JsonOut write(BigDecimal value) {
        beforeValue();
        text.append(value);
        return this;
    }

    JsonOut writeNull() {
        beforeValue();
        text.append("null");
        return this;
    }

    /** A JSON value already validated by the caller (JSON-B's output), copied as it is. */
    JsonOut writeJson(String json) {
        beforeValue();
        text.append(json);
        return this;
    }

    private void open(char closer) {
        if (depth == needsComma.length) {
            needsComma = java.util.Arrays.copyOf(needsComma, depth * 2);
            closers = java.util.Arrays.copyOf(closers, depth * 2);
        }
        closers[depth] = closer;
        needsComma[depth++] = false;
    }

    private void beforeValue() {
        if (afterKey) {
            afterKey = false;
            return;
        }
        if (depth > 0) {
            if (needsComma[depth - 1]) {
                text.append(',');
            }
            needsComma[depth - 1] = true;
        }
    }

    private void string(String value) {
        text.append('"');
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                text.append(value, start, i);
                start = i + 1;
                switch (c) {
                    case '"' -> text.append("\\\"");
                    case '\\' -> text.append("\\\\");
                    case '\b' -> text.append("\\b");
                    case '\f' -> text.append("\\f");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    case '\t' -> text.append("\\t");
                    default -> text.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                }
            }
        }
        text.append(value, start, value.length()).append('"');
    }
}
