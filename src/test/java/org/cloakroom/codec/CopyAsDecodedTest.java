package org.cloakroom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link SessionCodec#copyAsDecoded}: the map decoding would give, without JSON, or none. */
class CopyAsDecodedTest {

    private final SessionCodec codec = new SessionCodec(List.of("org.cloakroom.codec.SessionCodecTest$Point"));

    /** Deep equality that also compares the class of every value and container. */
    private static void assertSameShape(Object expected, Object actual) {
        if (expected == null) {
            assertNull(actual);
            return;
        }
        assertSame(expected.getClass(), actual.getClass(), () -> "class of " + expected);
        assertEquals(expected, actual);
        if (expected instanceof Map<?, ?> e) {
            var actualEntries = ((Map<?, ?>) actual).entrySet().iterator();
            for (var entry : e.entrySet()) {
                var other = actualEntries.next();
                assertSameShape(entry.getKey(), other.getKey());
                assertSameShape(entry.getValue(), other.getValue());
            }
        } else if (expected instanceof Collection<?> e) {
            var actualElements = ((Collection<?>) actual).iterator();
            for (Object element : e) {
                assertSameShape(element, actualElements.next());
            }
        }
    }

    private Map<String, Object> decodedAfterEncoding(Map<String, ?> content) throws Exception {
        return codec.decode(codec.encode(content));
    }

    @ParameterizedTest
    @MethodSource("org.cloakroom.codec.SessionCodecTest#supportedValues")
    void everyJdkValueCopiesExactlyAsItDecodesAloneAndInsideContainers(Object value) throws Exception {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("alone", value);
        content.put("in a list", new LinkedList<>(List.of(value, "x")));
        content.put("in a set", new TreeSet<>(Set.of("b", "a")));
        content.put("in a map", new HashMap<>(Map.of("k", value)));
        content.put("as a key", new TreeMap<>(Map.of(value.toString(), List.of(value))));
        Map<String, Object> copy = codec.copyAsDecoded(content);
        if (value instanceof Enum<?> && !(value instanceof DayOfWeek) && !(value instanceof java.time.Month)) {
            assertNull(copy, "an enum constant is decoded in the application's class loader, never copied");
            return;
        }
        assertNotNull(copy);
        assertSameShape(decodedAfterEncoding(content), copy);
    }

    @Test
    void nonStringMapKeysCopyAsTheyDecode() throws Exception {
        Map<String, Object> content = Map.of("scores", new TreeMap<>(Map.of(3, "c", 1, "a")),
                "days", Map.of(LocalDate.of(2024, 1, 1), List.of(1L)));
        assertSameShape(decodedAfterEncoding(content), codec.copyAsDecoded(content));
    }

    @Test
    void theCopyIsDeepSoChangingItLeavesTheOriginalAlone() {
        List<Object> tags = new ArrayList<>(List.of("red"));
        Map<String, Object> prefs = new LinkedHashMap<>(Map.of("tags", tags));
        Map<String, Object> content = new LinkedHashMap<>(Map.of("prefs", prefs));
        Map<String, Object> copy = codec.copyAsDecoded(content);
        @SuppressWarnings("unchecked")
        List<Object> copiedTags = (List<Object>) ((Map<String, Object>) copy.get("prefs")).get("tags");
        assertNotSame(tags, copiedTags);
        copiedTags.add("green");
        copy.put("other", 1);
        assertEquals(List.of("red"), tags);
        assertEquals(Set.of("prefs"), content.keySet());
    }

    @Test
    void contentWithAnApplicationRecordHasNoCopy() {
        Map<String, Object> content = Map.of("point", List.of(new SessionCodecTest.Point(1, 2)));
        assertNull(codec.copyAsDecoded(content));
    }

    @Test
    void contentThatCannotBeStoredHasNoCopy() {
        assertNull(codec.copyAsDecoded(Map.of("nan", Double.NaN)));
        assertNull(codec.copyAsDecoded(Map.of("infinite", List.of(Float.POSITIVE_INFINITY))));
        assertNull(codec.copyAsDecoded(Map.of("object", new Object())));
    }

    @Test
    void aMapWhoseKeysBecomeEqualWhenCopiedHasNoCopy() {
        Map<Object, Object> byIdentity = new IdentityHashMap<>();
        byIdentity.put(new String("same"), 1);
        byIdentity.put(new String("same"), 2);
        assertNull(codec.copyAsDecoded(Map.of("m", byIdentity)));
    }

    @Test
    void aCycleHasNoCopy() {
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        assertNull(codec.copyAsDecoded(Map.of("loop", loop)));
    }
}
