package org.cloakroom.codec;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.cloakroom.UnstorableValueException;

/**
 * Encodes session data ({@code Map<String, Object>}) as compact typed JSON and decodes it back, so
 * that every value returns as the Java type it was stored as: an {@code Integer} stays an
 * {@code Integer}, a {@code LocalDate} a {@code LocalDate}, a record the same record.
 *
 * <p>Supported values: {@code null}, {@code String}, {@code Boolean}, {@code Character}, the boxed
 * numbers, {@code BigDecimal} (scale kept), {@code BigInteger}, {@code UUID}, the {@code java.time}
 * value types, any enum constant, {@code List}/{@code Set}/{@code Map} of supported values (decoded
 * as {@code ArrayList}, {@code LinkedHashSet}, {@code LinkedHashMap}), and records or JavaBeans whose
 * class is in the allow-list, bound with JSON-B. Everything else is refused when it is stored.
 *
 * <p>Decoding loads no class outside that set: an application class name is checked against the
 * allow-list before it is loaded, so crafted session data cannot instantiate arbitrary types.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SessionCodec {

    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                    + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    private final Set<String> exactNames;
    private final List<String> packagePrefixes;
    private final Object jsonbLock = new Object();
    // Created on first use so that a codec without application types needs no JSON-B provider.
    private volatile Jsonb jsonb;

    /**
     * Creates a codec that stores the built-in types and, bound with JSON-B, the given application
     * records and JavaBeans.
     *
     * @param allowedTypes application classes that may be stored: fully-qualified class names
     *     ({@code com.example.Cart}, nested types as {@code com.example.Outer$Item} or
     *     {@code com.example.Outer.Item}) or package prefixes written {@code com.example.model.*},
     *     which cover sub-packages too. Blank entries are ignored.
     * @throws IllegalArgumentException for an entry that is not a class name or package pattern
     */
    public SessionCodec(Collection<String> allowedTypes) {
        Set<String> exact = new HashSet<>();
        List<String> prefixes = new ArrayList<>();
        for (String entry : Objects.requireNonNull(allowedTypes, "allowedTypes")) {
            String name = entry == null ? "" : entry.strip();
            if (name.isEmpty()) {
                continue;
            }
            boolean wildcard = name.endsWith(".*");
            String base = wildcard ? name.substring(0, name.length() - 2) : name;
            if (!CLASS_NAME.matcher(base).matches()) {
                throw new IllegalArgumentException("Not a class name or package pattern (com.example.*)"
                        + " in the session serializer's allow-list: '" + name + "'");
            }
            if (wildcard) {
                prefixes.add(base + ".");
            } else {
                exact.add(base);
            }
        }
        this.exactNames = Set.copyOf(exact);
        this.packagePrefixes = List.copyOf(prefixes);
    }

    /** A codec that stores only the built-in types: no application records or beans. */
    public static SessionCodec defaults() {
        return new SessionCodec(List.of());
    }

    /**
     * Encodes session data as JSON, keys in the map's iteration order. The result is deterministic:
     * equal content iterated in the same order always gives the same string.
     *
     * @throws UnstorableValueException naming the top-level key whose value (or a value nested in
     *     it) cannot be stored
     */
    public String encode(Map<String, ?> data) {
        Objects.requireNonNull(data, "data");
        StringBuilder text = new StringBuilder(128);
        JsonOut out = new JsonOut(text);
        out.writeStartObject();
        for (Map.Entry<String, ?> entry : data.entrySet()) {
            String key = entry.getKey();
            if (key == null) {
                throw new UnstorableValueException(null, null, "cannot be used as a session key");
            }
            out.writeKey(key);
            new Encoder(this, key, out).value(entry.getValue(), 0);
        }
        out.writeEnd();
        return text.toString();
    }

    /** The encoding of one value as it would be stored: to compare a value with an earlier state of itself. */
    public String encodeValue(Object value) {
        return encode(java.util.Collections.singletonMap("value", value));
    }

    /**
     * Decodes what {@link #encode} produced.
     *
     * @return a mutable {@code LinkedHashMap} in stored order
     * @throws CorruptSessionDataException for any input that is not such an encoding, including
     *     {@code null}; nothing else is thrown
     */
    public Map<String, Object> decode(String encoded) throws CorruptSessionDataException {
        if (encoded == null) {
            throw new CorruptSessionDataException("Session data is null", null);
        }
        try {
            Decoder.checkEnvelope(encoded);
            return new Decoder(this).session(JsonText.object(encoded));
        } catch (RuntimeException | LinkageError e) {
            // JSON syntax errors, and anything the value-level handling in Decoder did not expect.
            throw new CorruptSessionDataException("Session data is corrupt: " + e, e);
        }
    }

    /**
     * What {@code decode(encode(content))} returns, built without JSON: a deep copy with every
     * list, set and map made as decoding makes it, and the immutable values shared. For keeping a
     * decoded session and handing out copies of it instead of decoding again.
     *
     * @return the copy, or null if {@code content} holds a value only decoding can produce (an
     *     enum, record or JavaBean of the application), or a value that cannot be stored
     */
    public Map<String, Object> copyAsDecoded(Map<String, ?> content) {
        return DecodedForm.of(Objects.requireNonNull(content, "content"));
    }

    /**
     * Checks that a value can be stored, without producing JSON: its type and every nested
     * element's type are supported, there is no cycle, and nesting is at most 64 levels deep.
     *
     * @throws UnstorableValueException naming {@code key} and the offending (possibly nested) type
     */
    public void requireStorable(String key, Object value) {
        new Encoder(this, key, null).value(value, 0);
    }

    /** Whether an application class (already loaded) is allow-listed. */
    boolean isAllowed(Class<?> type) {
        return isAllowedName(type.getName())
                || (type.getCanonicalName() != null && isAllowedName(type.getCanonicalName()));
    }

    /**
     * Whether a binary class name read from session data may be loaded at all. Also tried with
     * {@code $} read as {@code .} so allow-list entries may use the source spelling of nested types;
     * {@link #isAllowed} re-checks the class once loaded.
     */
    boolean isAllowedNameBeforeLoading(String binaryName) {
        return isAllowedName(binaryName) || isAllowedName(binaryName.replace('$', '.'));
    }

    private boolean isAllowedName(String name) {
        if (exactNames.contains(name)) {
            return true;
        }
        for (String prefix : packagePrefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Loads without initializing, from the context class loader (the application's) first. */
    Class<?> loadClass(String name) throws CorruptSessionDataException {
        if (name.length() > 500 || !CLASS_NAME.matcher(name).matches()) {
            throw new CorruptSessionDataException("Session data names an invalid class name", null);
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            try {
                return Class.forName(name, false, context);
            } catch (ClassNotFoundException e) {
                // fall back to the loader that sees this library
            }
        }
        try {
            return Class.forName(name, false, SessionCodec.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new CorruptSessionDataException("Session data names an unknown class: " + name, e);
        }
    }

    Jsonb jsonb() {
        Jsonb current = jsonb;
        if (current == null) {
            synchronized (jsonbLock) {
                current = jsonb;
                if (current == null) {
                    current = JsonbBuilder.create();
                    jsonb = current;
                }
            }
        }
        return current;
    }
}
