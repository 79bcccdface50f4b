package org.cloakroom.codec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.cloakroom.UnstorableValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

public class SessionCodecTest {

    private static final String POINT = "org.cloakroom.codec.SessionCodecTest$Point";
    private static final String TRIPWIRE = "org.cloakroom.codec.SessionCodecTest$Tripwire";

    static volatile boolean tripwireInitialized;
    static volatile boolean tripwireConstructed;

    public enum Color { RED, GREEN }

    public enum Op {
        PLUS { @Override int apply(int a, int b) { return a + b; } };
        abstract int apply(int a, int b);
    }

    public record Point(int x, int y) { }

    public record Line(String label, int weight, Color color) { }

    public static class NoDefaultConstructor {
        public NoDefaultConstructor(int ignored) { }
    }

    /** Records whether anything initialized or built it. */
    public static class Tripwire {
        static {
            tripwireInitialized = true;
        }

        public Tripwire() {
            tripwireConstructed = true;
        }
    }

    public static class Cart {
        private String owner;
        private int quantity;
        private List<String> items = new ArrayList<>();

        public Cart() { }

        Cart(String owner, int quantity, List<String> items) {
            this.owner = owner;
            this.quantity = quantity;
            this.items = items;
        }

        public String getOwner() { return owner; }
        public void setOwner(String owner) { this.owner = owner; }
        public int getQuantity() { return quantity; }
        public void setQuantity(int quantity) { this.quantity = quantity; }
        public List<String> getItems() { return items; }
        public void setItems(List<String> items) { this.items = items; }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cart c && Objects.equals(owner, c.owner) && quantity == c.quantity
                    && Objects.equals(items, c.items);
        }

        @Override
        public int hashCode() {
            return Objects.hash(owner, quantity, items);
        }
    }

    private final SessionCodec codec = SessionCodec.defaults();
    private final SessionCodec allowingTestTypes = new SessionCodec(List.of(POINT,
            "org.cloakroom.codec.SessionCodecTest.Line", "org.cloakroom.codec.SessionCodecTest$Cart"));

    private Object roundTrip(SessionCodec c, Object value) throws CorruptSessionDataException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("k", value);
        Map<String, Object> back = c.decode(c.encode(data));
        assertEquals(Set.of("k"), back.keySet());
        return back.get("k");
    }

    static Stream<Object> supportedValues() {
        return Stream.of("text", "", "ünïcödé ☃ \"quoted\" \\ \n\t\u0000 \uD83D\uDE00", true, false,
                'x', '"', '\u00e9',
                42, 0, Integer.MIN_VALUE, Integer.MAX_VALUE,
                42L, Long.MAX_VALUE, Long.MIN_VALUE, (short) -7, Short.MAX_VALUE, (byte) 127, Byte.MIN_VALUE,
                1.5, 0.1, 1.0 / 3, -0.0, 0.0, 1e300, -2.5e-300, Double.MIN_VALUE, Double.MAX_VALUE, 1e10,
                1.5f, 0.1f, 1f / 3, -0.0f, 1e10f, Float.MIN_VALUE, Float.MAX_VALUE,
                new BigDecimal("1.50"), new BigDecimal("1E+3"), new BigDecimal("-0.000001234"),
                new BigDecimal("123456789012345678901234567890.000000000000000001"),
                new BigInteger("-123456789012345678901234567890"), BigInteger.ZERO,
                UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"),
                Instant.parse("2024-01-01T00:00:00Z"), Instant.ofEpochSecond(1_700_000_000L, 123_456_789),
                LocalDate.of(2024, 2, 29), LocalDate.of(12345, 1, 1), LocalDate.of(-44, 3, 15),
                LocalTime.of(10, 15), LocalTime.of(23, 59, 59, 999_999_999),
                LocalDateTime.of(2024, 5, 6, 7, 8, 9, 10),
                OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.ofHours(-5)),
                OffsetTime.of(7, 8, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)),
                ZonedDateTime.of(2024, 3, 31, 2, 30, 0, 0, ZoneId.of("Europe/Paris")),
                ZonedDateTime.of(2024, 3, 31, 2, 30, 0, 0, ZoneId.of("UTC")),
                ZonedDateTime.of(2024, 3, 31, 2, 30, 0, 0, ZoneOffset.ofHours(2)),
                Duration.ofMillis(90_061_001), Duration.ofNanos(-1), Duration.ZERO,
                Period.of(1, -2, 3), Period.ZERO,
                Year.of(2024), Year.of(12345), Year.of(-50), YearMonth.of(2024, 12), MonthDay.of(2, 29),
                ZoneId.of("America/New_York"), ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.UTC,
                DayOfWeek.FRIDAY, Month.FEBRUARY,
                Color.RED, Op.PLUS, ChronoUnit.DAYS);
    }

    @ParameterizedTest
    @MethodSource("supportedValues")
    void eachSupportedValueComesBackEqualAndOfTheSameClass(Object value) throws Exception {
        Object back = roundTrip(codec, value);
        assertEquals(value, back);
        assertSame(value.getClass(), back.getClass());
    }

    @ParameterizedTest
    @MethodSource("supportedValues")
    void eachSupportedValueIsAcceptedByRequireStorable(Object value) {
        assertDoesNotThrow(() -> codec.requireStorable("k", value));
    }

    @Test
    void anIntegerComesBackAsAnIntegerAndALongAsALong() throws Exception {
        assertInstanceOf(Integer.class, roundTrip(codec, 7));
        assertInstanceOf(Long.class, roundTrip(codec, 7L));
    }

    @Test
    void nullComesBackAsNull() throws Exception {
        assertNull(roundTrip(codec, null));
    }

    @Test
    void aBigDecimalKeepsItsScale() throws Exception {
        BigDecimal back = (BigDecimal) roundTrip(codec, new BigDecimal("1.50"));
        assertEquals(2, back.scale());
        assertEquals(new BigDecimal("1.50"), back);
    }

    @Test
    void aZonedDateTimeKeepsItsZoneId() throws Exception {
        ZonedDateTime paris = ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris"));
        assertEquals(ZoneId.of("Europe/Paris"), ((ZonedDateTime) roundTrip(codec, paris)).getZone());
    }

    @Test
    void theWireFormatIsCompactTaggedJson() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "Ann");
        data.put("admin", false);
        data.put("visits", 42);
        data.put("price", new BigDecimal("1.50"));
        data.put("since", LocalDate.of(2024, 1, 31));
        data.put("color", Color.RED);
        data.put("tags", List.of("a", 1L));
        data.put("none", null);
        assertEquals("{\"name\":\"Ann\",\"admin\":false,\"visits\":[\"i\",42],\"price\":[\"bd\",\"1.50\"],"
                + "\"since\":[\"t:LocalDate\",\"2024-01-31\"],"
                + "\"color\":[\"e\",\"org.cloakroom.codec.SessionCodecTest$Color\",\"RED\"],"
                + "\"tags\":[\"l\",[\"a\",[\"L\",1]]],\"none\":null}", codec.encode(data));
    }

    @Test
    void aListComesBackAsAnArrayListWithEachElementKeepingItsType() throws Exception {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("n", 1L);
        List<?> back = (List<?>) roundTrip(codec, List.of(1, LocalDate.of(2024, 1, 1), inner, (short) 3));
        assertSame(ArrayList.class, back.getClass());
        assertEquals(List.of(1, LocalDate.of(2024, 1, 1), inner, (short) 3), back);
        assertSame(Integer.class, back.get(0).getClass());
        assertSame(LocalDate.class, back.get(1).getClass());
        assertSame(LinkedHashMap.class, back.get(2).getClass());
        assertSame(Long.class, ((Map<?, ?>) back.get(2)).get("n").getClass());
        assertSame(Short.class, back.get(3).getClass());
    }

    @Test
    void aSetComesBackAsALinkedHashSetInIterationOrder() throws Exception {
        Set<Object> set = new LinkedHashSet<>(List.of("b", "a", 3, Color.GREEN));
        Set<?> back = (Set<?>) roundTrip(codec, set);
        assertSame(LinkedHashSet.class, back.getClass());
        assertEquals(List.of("b", "a", 3, Color.GREEN), new ArrayList<>(back));
    }

    @Test
    void aMapWithStringKeysComesBackAsALinkedHashMapInOrder() throws Exception {
        Map<String, Object> map = new TreeMap<>(Map.of("z", 1, "a", 2.5, "m", "x"));
        Map<?, ?> back = (Map<?, ?>) roundTrip(codec, map);
        assertSame(LinkedHashMap.class, back.getClass());
        assertEquals(List.of("a", "m", "z"), new ArrayList<>(back.keySet()));
        assertEquals(map, back);
        assertTrue(codec.encode(Map.of("k", map)).contains("[\"m\",{"));
    }

    @Test
    void aMapWithNonStringKeysKeepsItsKeysTypes() throws Exception {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(1, "int");
        map.put(1L, "long");
        map.put(Color.RED, List.of(Color.GREEN));
        map.put(LocalDate.of(2024, 1, 1), null);
        map.put("text", 'c');
        Map<?, ?> back = (Map<?, ?>) roundTrip(codec, map);
        assertEquals(map, back);
        assertEquals(new ArrayList<>(map.keySet()), new ArrayList<>(back.keySet()));
        assertEquals("int", back.get(1));
        assertEquals("long", back.get(1L));
        assertTrue(codec.encode(Map.of("k", map)).contains("[\"mp\",[["));
    }

    @Test
    void deeplyNestedCollectionsKeepEveryElementsType() throws Exception {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(Color.GREEN, new LinkedHashSet<>(List.of(List.of(UUID.randomUUID(), Instant.EPOCH))));
        List<Object> value = List.of(List.of(List.of(map, true)), Collections.emptyMap());
        assertEquals(value, roundTrip(codec, value));
    }

    @Test
    void theDecodedSessionIsAMutableLinkedHashMapInStoredOrder() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("z", 1);
        data.put("a", 2);
        data.put("m", 3);
        Map<String, Object> back = codec.decode(codec.encode(data));
        assertSame(LinkedHashMap.class, back.getClass());
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(back.keySet()));
        back.put("new", "value");
    }

    @Test
    void anEmptyObjectDecodesToAnEmptyMap() throws Exception {
        assertEquals(Map.of(), codec.decode("{}"));
        assertEquals(Map.of(), codec.decode(" \n{ } \t"));
        assertEquals("{}", codec.encode(Map.of()));
    }

    @Test
    void aRecordAllowedByExactBinaryOrSourceNameRoundTrips() throws Exception {
        assertEquals(new Point(1, -2), roundTrip(allowingTestTypes, new Point(1, -2)));
        assertEquals(new Line("l", 3, Color.GREEN), roundTrip(allowingTestTypes, new Line("l", 3, Color.GREEN)));
    }

    @Test
    void aRecordAllowedByAPackagePatternRoundTripsIncludingSubPackages() throws Exception {
        assertEquals(new Point(5, 6), roundTrip(new SessionCodec(List.of("org.cloakroom.codec.*")), new Point(5, 6)));
        assertEquals(new Point(5, 6), roundTrip(new SessionCodec(List.of(" org.cloakroom.* ", "")), new Point(5, 6)));
    }

    @Test
    void aJavaBeanInTheAllowListRoundTrips() throws Exception {
        Cart cart = new Cart("ann", 2, List.of("apple", "pear"));
        Object back = roundTrip(allowingTestTypes, cart);
        assertSame(Cart.class, back.getClass());
        assertEquals(cart, back);
    }

    @Test
    void recordsInsideCollectionsRoundTrip() throws Exception {
        Map<Object, Object> value = new LinkedHashMap<>();
        value.put(new Point(0, 0), List.of(new Point(1, 1), new Cart("bob", 1, List.of())));
        assertEquals(value, roundTrip(allowingTestTypes, value));
    }

    @Test
    void aRecordOutsideTheAllowListIsRefusedNamingTheKey() {
        UnstorableValueException e = assertThrows(UnstorableValueException.class,
                () -> codec.requireStorable("where", new Point(1, 2)));
        assertEquals("where", e.getKey());
        assertSame(Point.class, e.getType());
        assertEquals("Cannot store the value of session key 'where': " + POINT + " is not in the session"
                + " serializer's allow-list; add it (or its package as org.cloakroom.codec.*) to"
                + " SESSION_SERIALIZER_ALLOWED_TYPES", e.getMessage());
        UnstorableValueException onEncode = assertThrows(UnstorableValueException.class,
                () -> codec.encode(Map.of("where", new Point(1, 2))));
        assertEquals(e.getMessage(), onEncode.getMessage());
    }

    @Test
    void anAllowListedClassThatIsNeitherRecordNorBeanIsRefused() {
        SessionCodec c = new SessionCodec(List.of("org.cloakroom.codec.*"));
        UnstorableValueException e = assertThrows(UnstorableValueException.class,
                () -> c.requireStorable("k", new NoDefaultConstructor(1)));
        assertTrue(e.getMessage().contains("neither a record nor a JavaBean"), e.getMessage());
    }

    static Stream<Arguments> unsupportedValues() {
        // Wrapped so JUnit does not spread the String[] into separate arguments.
        return Stream.<Object>of(new Object(), new Date(), new byte[] {1}, new String[] {"a"}, Optional.of(1),
                (Runnable) () -> { }, (Supplier<String>) String::new, Thread.currentThread(),
                new ArrayDeque<>(List.of(1)), new AtomicInteger(1), new StringBuilder("x"),
                new Object() { }, new BigDecimal("1") { }).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("unsupportedValues")
    void anUnsupportedValueIsRefusedNamingItsKeyAndType(Object value) {
        for (SessionCodec c : List.of(codec, allowingTestTypes)) {
            UnstorableValueException e = assertThrows(UnstorableValueException.class,
                    () -> c.requireStorable("bad", value));
            assertEquals("bad", e.getKey());
            assertSame(value.getClass(), e.getType());
            assertTrue(e.getMessage().startsWith("Cannot store the value of session key 'bad': "
                    + value.getClass().getName() + " "), e.getMessage());
            assertThrows(UnstorableValueException.class, () -> c.encode(Map.of("bad", value)));
        }
    }

    @Test
    void theRefusalOfAJdkTypeSaysWhatIsSupported() {
        UnstorableValueException e = assertThrows(UnstorableValueException.class,
                () -> codec.requireStorable("when", new Date()));
        assertTrue(e.getMessage().contains("java.util.Date is not a type the session can store"), e.getMessage());
        assertTrue(e.getMessage().contains("java.time"), e.getMessage());
        assertTrue(assertThrows(UnstorableValueException.class, () -> codec.requireStorable("b", new byte[0]))
                .getMessage().contains("use a List"));
    }

    @Test
    void anUnsupportedValueNestedInAListIsRefusedNamingTheTopLevelKeyAndTheNestedType() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("fine", 1);
        data.put("outer", List.of(1, Map.of("inner", List.of(new Date()))));
        UnstorableValueException e = assertThrows(UnstorableValueException.class, () -> codec.encode(data));
        assertEquals("outer", e.getKey());
        assertSame(Date.class, e.getType());
        assertTrue(e.getMessage().startsWith("Cannot store the value of session key 'outer': java.util.Date"));
    }

    @Test
    void anUnsupportedMapKeyAndANullMapKeyAreRefused() {
        assertSame(Date.class, assertThrows(UnstorableValueException.class,
                () -> codec.requireStorable("k", Map.of(new Date(), 1))).getType());
        Map<Object, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        UnstorableValueException e = assertThrows(UnstorableValueException.class,
                () -> codec.requireStorable("k", nullKey));
        assertTrue(e.getMessage().contains("null key"), e.getMessage());
    }

    @Test
    void aNullSessionKeyIsRefused() {
        Map<String, Object> data = new HashMap<>();
        data.put(null, 1);
        assertThrows(UnstorableValueException.class, () -> codec.encode(data));
    }

    @Test
    void naNAndInfinityAreRefusedBecauseJsonCannotHoldThem() {
        for (Object value : List.of(Double.NaN, Double.NEGATIVE_INFINITY, Float.NaN, Float.POSITIVE_INFINITY)) {
            UnstorableValueException e = assertThrows(UnstorableValueException.class,
                    () -> codec.requireStorable("x", List.of(1.0, value)));
            assertTrue(e.getMessage().contains("NaN or infinite"), e.getMessage());
            assertThrows(UnstorableValueException.class, () -> codec.encode(Map.of("x", value)));
        }
    }

    @Test
    void aListContainingItselfIsRefusedAsACycleInsteadOfOverflowingTheStack() {
        List<Object> list = new ArrayList<>();
        list.add(1);
        list.add(List.of(list));
        UnstorableValueException e = assertThrows(UnstorableValueException.class,
                () -> codec.encode(Map.of("loop", list)));
        assertEquals("loop", e.getKey());
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
        Map<Object, Object> map = new HashMap<>();
        map.put("self", map);
        assertThrows(UnstorableValueException.class, () -> codec.requireStorable("loop", map));
    }

    @Test
    void theSameListReferencedTwiceIsNotACycle() throws Exception {
        List<Integer> shared = List.of(1, 2);
        assertEquals(List.of(shared, shared), roundTrip(codec, List.of(shared, shared)));
    }

    private static Object nestedLists(int levels) {
        Object value = "core";
        for (int i = 0; i < levels; i++) {
            value = List.of(value);
        }
        return value;
    }

    @Test
    void nestingUpTo64LevelsIsStoredAndDeeperIsRefused() throws Exception {
        assertEquals(nestedLists(64), roundTrip(codec, nestedLists(64)));
        UnstorableValueException e = assertThrows(UnstorableValueException.class,
                () -> codec.requireStorable("deep", nestedLists(65)));
        assertTrue(e.getMessage().contains("64 levels"), e.getMessage());
        assertThrows(UnstorableValueException.class, () -> codec.encode(Map.of("deep", nestedLists(65))));
    }

    @Test
    void decodingRefusesNestingDeeperThan64Levels() {
        String sixtyFive = "{\"deep\":" + "[\"l\",[".repeat(65) + "\"core\"" + "]]".repeat(65) + "}";
        assertThrows(CorruptSessionDataException.class, () -> codec.decode(sixtyFive));
        String sixtyFour = "{\"deep\":" + "[\"l\",[".repeat(64) + "\"core\"" + "]]".repeat(64) + "}";
        assertDoesNotThrow(() -> codec.decode(sixtyFour));
    }

    @Test
    void invalidAllowListEntriesAreRejected() {
        for (String entry : List.of("*", ".*", "com.example.**", "com example", "com.*.Cart")) {
            assertThrows(IllegalArgumentException.class, () -> new SessionCodec(List.of(entry)), entry);
        }
    }

    @Test
    void encodingTheSameContentTwiceGivesTheSameString() {
        Supplier<Map<String, Object>> content = () -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("cart", new Cart("ann", 2, List.of("x")));
            data.put("line", new Line("l", 1, Color.RED));
            data.put("nested", List.of(Map.of("a", 1), new LinkedHashSet<>(List.of(2.5, 'c'))));
            data.put("when", ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneId.of("Europe/Paris")));
            return data;
        };
        String first = allowingTestTypes.encode(content.get());
        assertEquals(first, allowingTestTypes.encode(content.get()));
        assertEquals(first, allowingTestTypes.encode(content.get()));
    }

    @Test
    void decodingAndEncodingAgainGivesTheSameString() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("all", supportedValues().toList());
        data.put("records", List.of(new Point(1, 2), new Cart("c", 0, List.of())));
        data.put("keys", Map.of(Color.RED, 1));
        String encoded = allowingTestTypes.encode(data);
        assertEquals(encoded, allowingTestTypes.encode(allowingTestTypes.decode(encoded)));
    }

    @Test
    void decodingNullIsCorrupt() {
        assertThrows(CorruptSessionDataException.class, () -> codec.decode(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "garbage", "null", "[]", "[1]", "\"text\"", "42", "{", "{\"a\":",
        "{\"a\":1}", "{\"a\":1.5}", "{\"a\":{}}", "{} trailing", "{}{}", "{}]", "{\"a\":1,\"a\":2}",
        "{\"a\":[]}", "{\"a\":[\"i\"]}", "{\"a\":[\"i\",1,2]}", "{\"a\":[42,1]}", "{\"a\":[null,1]}",
        "{\"a\":[\"zz\",1]}", "{\"a\":[\"i\",\"1\"]}", "{\"a\":[\"i\",1.5]}", "{\"a\":[\"i\",2147483648]}",
        "{\"a\":[\"by\",128]}", "{\"a\":[\"sh\",40000]}", "{\"a\":[\"L\",9223372036854775808]}",
        "{\"a\":[\"L\",1e999999999]}", "{\"a\":[\"i\",1e99999999999]}",
        "{\"a\":[\"d\",1e400]}", "{\"a\":[\"d\",\"NaN\"]}", "{\"a\":[\"d\",\"1.5\"]}", "{\"a\":[\"f\",1e39]}",
        "{\"a\":[\"c\",\"ab\"]}", "{\"a\":[\"c\",\"\"]}", "{\"a\":[\"c\",1]}", "{\"a\":[\"bd\",\"1.2.3\"]}",
        "{\"a\":[\"bd\",1.5]}", "{\"a\":[\"bi\",\"1.5\"]}", "{\"a\":[\"u\",\"not-a-uuid\"]}",
        "{\"a\":[\"t:LocalDate\",\"2024-02-30\"]}", "{\"a\":[\"t:Instant\",\"yesterday\"]}",
        "{\"a\":[\"t:ZoneId\",\"Mars/Olympus\"]}", "{\"a\":[\"t:Year\",\"99999999999\"]}",
        "{\"a\":[\"t:Month\",\"Smarch\"]}", "{\"a\":[\"t:Duration\",\"P1Y\"]}", "{\"a\":[\"t:Nope\",\"x\"]}",
        "{\"a\":[\"l\",{}]}", "{\"a\":[\"l\",[1]]}", "{\"a\":[\"s\",[\"x\",\"x\"]]}", "{\"a\":[\"m\",[]]}",
        "{\"a\":[\"m\",{\"k\":\"x\",\"k\":\"y\"}]}", "{\"a\":[\"mp\",[[\"i\",1]]]}", "{\"a\":[\"mp\",[\"k\"]]}",
        "{\"a\":[\"mp\",[[null,\"x\"]]]}", "{\"a\":[\"mp\",[[\"k\",\"x\"],[\"k\",\"y\"]]]}",
        "{\"a\":[\"e\",\"java.time.DayOfWeek\"]}", "{\"a\":[\"e\",\"java.util.Date\",\"X\"]}",
        "{\"a\":[\"e\",\"java.lang.ProcessBuilder\",\"X\"]}", "{\"a\":[\"e\",\"no.such.Enum\",\"X\"]}",
        "{\"a\":[\"e\",\"java.time.DayOfWeek\",\"FUNDAY\"]}", "{\"a\":[\"e\",\"[Ljava.time.DayOfWeek;\",\"MONDAY\"]}",
        "{\"a\":[\"e\",\"\",\"X\"]}", "{\"a\":[\"e\",1,\"X\"]}",
        "{\"a\":[\"o\",\"java.lang.ProcessBuilder\",{\"command\":[\"touch\",\"/tmp/pwned\"]}]}",
        "{\"a\":[\"o\",\"java.util.Date\",0]}", "{\"a\":[\"o\",\"org.cloakroom.codec.SessionCodecTest$Tripwire\",{}]}",
        "{\"a\":[\"o\",\"org.cloakroom.codec.SessionCodecTest$Point\",null]}",
        "{\"a\":[\"o\",\"org.cloakroom.codec.SessionCodecTest$Point\",\"text\"]}",
        "{\"a\":[\"o\",\"org.cloakroom.codec.SessionCodecTest$Point\",{\"x\":\"abc\"}]}",
        "{\"a\":[\"o\",\"org.cloakroom.codec.SessionCodecTest$Point\"]}",
        "{\"a\":[\"o\",\"org.cloakroom.codec.SessionCodecTest.Point\",{\"x\":1,\"y\":2}]}",
        "{\"ok\":\"fine\",\"a\":[\"i\",\"broken\"]}"})
    void corruptDataIsReportedAsCorrupt(String encoded) {
        for (SessionCodec c : List.of(codec, allowingTestTypes)) {
            assertThrows(CorruptSessionDataException.class, () -> c.decode(encoded), encoded);
        }
    }

    @Test
    void absurdlyDeepJsonIsCorruptRatherThanAStackOverflow() {
        assertThrows(CorruptSessionDataException.class, () -> codec.decode("{\"a\":" + "[".repeat(100_000)));
        assertThrows(CorruptSessionDataException.class,
                () -> allowingTestTypes.decode("{\"a\":[\"o\",\"" + POINT + "\",{\"x\":"
                        + "[".repeat(5_000) + "]".repeat(5_000) + "}]}"));
    }

    @Test
    void everyTruncationOfAValidEncodingIsCorrupt() {
        String encoded = allowingTestTypes.encode(Map.of("k", List.of(new Point(1, 2), Map.of(1, "x"), "s")));
        for (int length = 0; length < encoded.length(); length++) {
            String truncated = encoded.substring(0, length);
            assertThrows(CorruptSessionDataException.class, () -> allowingTestTypes.decode(truncated), truncated);
        }
    }

    @Test
    void anyMutationOfAValidEncodingDecodesOrIsCorruptButNeverThrowsAnythingElse() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("k", List.of(new Point(1, 2), Map.of(1, "x"), "s", 1.5, Color.RED, new BigDecimal("2.0")));
        data.put("t", Instant.EPOCH);
        String encoded = allowingTestTypes.encode(data);
        for (int i = 0; i < encoded.length(); i++) {
            for (char c : "\"[]{},:0a\\-e.$ ".toCharArray()) {
                String mutated = encoded.substring(0, i) + c + encoded.substring(i + 1);
                try {
                    allowingTestTypes.decode(mutated);
                } catch (CorruptSessionDataException expected) {
                    // fine
                } catch (RuntimeException | Error e) {
                    fail("Decoding " + mutated + " threw " + e, e);
                }
            }
        }
    }

    @Test
    void aClassNamedAsAnObjectOutsideTheAllowListIsNeverLoaded() {
        RecordingLoader loader = new RecordingLoader(getClass().getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            for (String name : List.of("java.lang.ProcessBuilder", "java.util.Date", TRIPWIRE)) {
                assertThrows(CorruptSessionDataException.class,
                        () -> allowingTestTypes.decode("{\"a\":[\"o\",\"" + name + "\",{}]}"));
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
        assertEquals(List.of(), loader.requested);
        assertFalse(tripwireInitialized);
        assertFalse(tripwireConstructed);
    }

    @Test
    void aClassThatIsNotAnEnumNamedAsAnEnumIsNeitherInitializedNorBuilt() {
        assertThrows(CorruptSessionDataException.class,
                () -> codec.decode("{\"a\":[\"e\",\"" + TRIPWIRE + "\",\"X\"]}"));
        assertFalse(tripwireInitialized);
        assertFalse(tripwireConstructed);
    }

    @Test
    void enumClassesAreResolvedThroughTheContextClassLoader() throws Exception {
        RecordingLoader loader = new RecordingLoader(getClass().getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            assertEquals(Color.GREEN, roundTrip(codec, Color.GREEN));
        } finally {
            thread.setContextClassLoader(previous);
        }
        assertTrue(loader.requested.contains(Color.class.getName()), loader.requested::toString);
    }

    /** Notes every class name it is asked for. */
    static final class RecordingLoader extends ClassLoader {
        final List<String> requested = Collections.synchronizedList(new ArrayList<>());

        RecordingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            return super.loadClass(name, resolve);
        }
    }
}
