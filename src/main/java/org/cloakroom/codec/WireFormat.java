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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The stored format's vocabulary: tags, depth limits and which classes an object tag may carry.
 * {@link Encoder} and {@link Decoder} both read it from here, so that what one writes the other
 * reads; neither refers to the other.
 */
final class WireFormat {

    /** Containers (List, Set, Map) nested inside one another, at most. */
    static final int MAX_DEPTH = 64;
    /** JSON nesting allowed inside one record or bean as JSON-B writes it. */
    static final int MAX_OBJECT_JSON_DEPTH = 200;
    /** Whole-document JSON nesting: the containers' own, plus the most a record's JSON may add. */
    static final int MAX_JSON_DEPTH = 3 * MAX_DEPTH + MAX_OBJECT_JSON_DEPTH + 8;

    // Numbers are written as JSON numbers and tagged with these.
    static final String INT = "i";
    static final String LONG = "L";
    static final String SHORT = "sh";
    static final String BYTE = "by";
    static final String DOUBLE = "d";
    static final String FLOAT = "f";

    static final String LIST = "l";
    static final String SET = "s";
    /** A map whose keys are all strings, written as a JSON object. */
    static final String MAP = "m";
    /** Any other map, written as an array of [key, value] pairs. */
    static final String PAIR_MAP = "mp";
    static final String ENUM = "e";
    /** An allow-listed record or JavaBean, as JSON-B writes it. */
    static final String OBJECT = "o";
    static final String ZONE_ID = "t:ZoneId";

    /** JSON-P reads numbers as BigDecimal, which has no negative zero: that one goes as this text. */
    static final String NEGATIVE_ZERO = "-0.0";

    /** A single-valued type written as its {@code toString()} text and read back by {@code parse}. */
    private record TextType(Class<?> type, String tag, Function<String, Object> parse) {
    }

    /** The one table of text types. ZoneId is matched by instanceof when writing: its region subclass is not public. */
    private static final List<TextType> TEXT_TYPES = List.of(
            new TextType(Character.class, "c", WireFormat::character),
            new TextType(BigDecimal.class, "bd", BigDecimal::new),
            new TextType(BigInteger.class, "bi", BigInteger::new),
            new TextType(UUID.class, "u", UUID::fromString),
            time(Instant.class, IsoText::instant),
            time(LocalDate.class, IsoText::localDate),
            time(LocalTime.class, LocalTime::parse),
            time(LocalDateTime.class, IsoText::localDateTime),
            time(OffsetDateTime.class, OffsetDateTime::parse),
            time(OffsetTime.class, OffsetTime::parse),
            time(ZonedDateTime.class, ZonedDateTime::parse),
            time(Duration.class, Duration::parse),
            time(Period.class, Period::parse),
            // Year.parse wants a sign beyond four digits, which Year.toString does not write.
            time(Year.class, text -> Year.of(Integer.parseInt(text))),
            time(YearMonth.class, YearMonth::parse),
            time(MonthDay.class, MonthDay::parse),
            new TextType(ZoneId.class, ZONE_ID, ZoneId::of),
            time(ZoneOffset.class, ZoneOffset::of),
            time(DayOfWeek.class, DayOfWeek::valueOf),
            time(Month.class, Month::valueOf));

    /** Tags of the single-valued types, looked up by exact class so subclasses are not mistaken. */
    private static final Map<Class<?>, String> SCALAR_TAGS;
    private static final Map<String, Function<String, Object>> PARSERS;

    static {
        Map<Class<?>, String> tags = new HashMap<>(Map.of(Integer.class, INT, Long.class, LONG,
                Short.class, SHORT, Byte.class, BYTE, Double.class, DOUBLE, Float.class, FLOAT));
        Map<String, Function<String, Object>> parsers = new HashMap<>();
        for (TextType type : TEXT_TYPES) {
            tags.put(type.type(), type.tag());
            parsers.put(type.tag(), type.parse());
        }
        SCALAR_TAGS = Map.copyOf(tags);
        PARSERS = Map.copyOf(parsers);
    }

    private WireFormat() {
    }

    private static TextType time(Class<?> type, Function<String, Object> parse) {
        return new TextType(type, "t:" + type.getSimpleName(), parse);
    }

    /** The tag of a number or text type of exactly this class, or null. */
    static String scalarTag(Class<?> type) {
        return SCALAR_TAGS.get(type);
    }

    /** How to read the text stored under a text type's tag, or null when the tag is no text type's. */
    static Function<String, Object> textParser(String tag) {
        return PARSERS.get(tag);
    }

    private static Object character(String text) {
        if (text.length() != 1) {
            throw new IllegalArgumentException("A Character must be one char");
        }
        return text.charAt(0);
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

    /** Whether JSON text nests arrays and objects deeper than {@code limit}. */
    static boolean nestingExceeds(String json, int limit) {
        return endOfFirstStructure(json, 0, limit) == -1;
    }

    /**
     * Follows brackets outside strings from {@code start}: returns the index after the bracket
     * closing the first structure (or the text's length), or -1 once nesting exceeds the limit.
     */
    static int endOfFirstStructure(String text, int start, int limit) {
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
}
