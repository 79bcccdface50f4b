package org.cloakroom.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TrackedMapTest {

    /** Refuses threads, as the session's codec would refuse an unstorable type. */
    private static final BiConsumer<String, Object> NO_THREADS = (key, value) -> {
        if (value instanceof Thread) {
            throw new IllegalArgumentException("cannot store a Thread under " + key);
        }
    };

    /** A map holding a=1, b=2, n=null, in that order, with zero changes. */
    private static TrackedMap abn() {
        Map<String, Object> initial = new LinkedHashMap<>();
        initial.put("a", 1);
        initial.put("b", 2);
        initial.put("n", null);
        return new TrackedMap(initial, NO_THREADS);
    }

    /** Like Map.of, but ordered and allowing null values. */
    private static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static LinkedHashMap<String, Object> copyOf(Map<String, Object> map) {
        return new LinkedHashMap<>(map);
    }

    private static void assertCounts(TrackedMap map, Consumer<TrackedMap> action) {
        long before = map.changes();
        action.accept(map);
        assertTrue(map.changes() > before, "expected the call to count as a change");
    }

    private static void assertDoesNotCount(TrackedMap map, Consumer<TrackedMap> action) {
        Map<String, Object> before = copyOf(map);
        long changes = map.changes();
        action.accept(map);
        assertEquals(changes, map.changes(), "expected the call not to count as a change");
        assertEquals(before, map, "expected the content to be unchanged");
    }

    /** Asserts the call is refused by the validator and leaves content and counter untouched. */
    private static void assertRefused(TrackedMap map, Consumer<TrackedMap> action) {
        Map<String, Object> before = copyOf(map);
        long changes = map.changes();
        assertThrows(IllegalArgumentException.class, () -> action.accept(map));
        assertEquals(changes, map.changes());
        assertEquals(List.copyOf(before.entrySet()), List.copyOf(copyOf(map).entrySet()));
    }

    @Nested
    class Construction {

        @Test
        void anEmptyMapStartsWithNoChanges() {
            TrackedMap map = new TrackedMap(NO_THREADS);
            assertTrue(map.isEmpty());
            assertEquals(0, map.changes());
        }

        @Test
        void theInitialContentIsCopiedWithoutValidationOrCounting() {
            Map<String, Object> initial = new HashMap<>();
            Thread thread = new Thread(() -> { });
            initial.put("t", thread);
            TrackedMap map = new TrackedMap(initial, NO_THREADS);
            assertEquals(0, map.changes());
            assertSame(thread, map.get("t"));
            initial.put("later", 1);
            assertFalse(map.containsKey("later"));
        }

        @Test
        void anInitialNullKeyIsRefused() {
            Map<String, Object> initial = new HashMap<>();
            initial.put(null, 1);
            NullPointerException e =
                    assertThrows(NullPointerException.class, () -> new TrackedMap(initial, NO_THREADS));
            assertEquals("Session keys cannot be null", e.getMessage());
        }

        @Test
        void aMapThatRejectsNullLookupsCanBeTheInitialContent() {
            TrackedMap map = new TrackedMap(Map.of("a", 1), NO_THREADS);
            assertEquals(Map.of("a", 1), map);
        }
    }

    @Nested
    class PutAndRemove {

        @Test
        void puttingANewKeyIsAChange() {
            assertCounts(abn(), m -> assertNull(m.put("c", 3)));
        }

        @Test
        void puttingADifferentValueIsAChange() {
            TrackedMap map = abn();
            assertCounts(map, m -> assertEquals(1, m.put("a", 10)));
            assertEquals(10, map.get("a"));
        }

        @Test
        void puttingAnEqualValueIsNotAChange() {
            assertDoesNotCount(abn(), m -> m.put("a", Integer.valueOf(1)));
            TrackedMap map = new TrackedMap(Map.of("s", "text"), NO_THREADS);
            assertDoesNotCount(map, m -> m.put("s", new String("text")));
        }

        @Test
        void puttingNullOverAbsentIsAChangeButNullOverNullIsNot() {
            TrackedMap map = abn();
            assertCounts(map, m -> m.put("z", null));
            assertTrue(map.containsKey("z"));
            assertDoesNotCount(map, m -> m.put("n", null));
        }

        @Test
        void eachChangingCallGrowsTheCounter() {
            TrackedMap map = new TrackedMap(NO_THREADS);
            map.put("a", 1);
            map.put("a", 2);
            map.put("a", 2);
            map.remove("a");
            assertEquals(3, map.changes());
        }

        @Test
        void aNullKeyIsRefusedByEveryStoringMethod() {
            TrackedMap map = abn();
            List<Consumer<TrackedMap>> calls = List.of(
                    m -> m.put(null, 1),
                    m -> m.putIfAbsent(null, 1),
                    m -> m.compute(null, (k, v) -> 1),
                    m -> m.computeIfAbsent(null, k -> 1),
                    m -> m.computeIfPresent(null, (k, v) -> 1),
                    m -> m.merge(null, 1, (a, b) -> b),
                    m -> m.replace(null, 1),
                    m -> m.replace(null, 1, 2),
                    m -> m.putAll(new HashMap<>(Map.of("ok", 1)) {{ put(null, 2); }}));
            for (Consumer<TrackedMap> call : calls) {
                NullPointerException e = assertThrows(NullPointerException.class, () -> call.accept(map));
                assertEquals("Session keys cannot be null", e.getMessage());
            }
            assertEquals(0, map.changes());
            assertEquals(3, map.size());
        }

        @Test
        void removingAPresentKeyIsAChange() {
            TrackedMap map = abn();
            assertCounts(map, m -> assertEquals(1, m.remove("a")));
            assertFalse(map.containsKey("a"));
            assertCounts(map, m -> assertNull(m.remove("n")));
            assertFalse(map.containsKey("n"));
        }

        @Test
        void removingAnAbsentKeyIsNotAChange() {
            assertDoesNotCount(abn(), m -> assertNull(m.remove("zzz")));
            assertDoesNotCount(abn(), m -> assertNull(m.remove(null)));
            assertDoesNotCount(abn(), m -> assertNull(m.remove(42)));
        }

        @Test
        void removingAKeyWithItsValueIsAChange() {
            assertCounts(abn(), m -> assertTrue(m.remove("a", 1)));
            assertCounts(abn(), m -> assertTrue(m.remove("n", null)));
        }

        @Test
        void removingAKeyWithAnotherValueIsNotAChange() {
            assertDoesNotCount(abn(), m -> assertFalse(m.remove("a", 2)));
            assertDoesNotCount(abn(), m -> assertFalse(m.remove("zzz", null)));
        }

        @Test
        void clearingANonEmptyMapIsAChange() {
            TrackedMap map = abn();
            assertCounts(map, TrackedMap::clear);
            assertTrue(map.isEmpty());
        }

        @Test
        void clearingAnEmptyMapIsNotAChange() {
            assertDoesNotCount(new TrackedMap(NO_THREADS), TrackedMap::clear);
        }

        @Test
        void putAllIsAChangeWhenAnyEntryChanges() {
            TrackedMap map = abn();
            assertCounts(map, m -> m.putAll(Map.of("a", 1, "b", 20)));
            assertEquals(20, map.get("b"));
        }

        @Test
        void putAllOfEqualOrNoEntriesIsNotAChange() {
            assertDoesNotCount(abn(), m -> m.putAll(Map.of("a", 1, "b", 2)));
            assertDoesNotCount(abn(), m -> m.putAll(Map.of()));
            assertDoesNotCount(abn(), m -> m.putAll(m));
        }
    }

    @Nested
    class DefaultMethods {

        @Test
        void putIfAbsentOnAnAbsentKeyIsAChange() {
            TrackedMap map = abn();
            assertCounts(map, m -> assertNull(m.putIfAbsent("c", 3)));
            assertEquals(3, map.get("c"));
            assertCounts(map, m -> assertNull(m.putIfAbsent("d", null)));
            assertTrue(map.containsKey("d"));
        }

        @Test
        void putIfAbsentOnAKeyMappedToNullStoresTheValue() {
            TrackedMap map = abn();
            assertCounts(map, m -> assertNull(m.putIfAbsent("n", 5)));
            assertEquals(5, map.get("n"));
        }

        @Test
        void putIfAbsentOnAPresentKeyIsNotAChange() {
            assertDoesNotCount(abn(), m -> assertEquals(1, m.putIfAbsent("a", 99)));
            assertDoesNotCount(abn(), m -> assertNull(m.putIfAbsent("n", null)));
        }

        @Test
        void replacingAPresentKeyWithAnotherValueIsAChange() {
            TrackedMap map = abn();
            assertCounts(map, m -> assertEquals(1, m.replace("a", 10)));
            assertCounts(map, m -> assertNull(m.replace("n", 7)));
            assertEquals(Map.of("a", 10, "b", 2, "n", 7), map);
        }

        @Test
        void replacingWithAnEqualValueOrAnAbsentKeyIsNotAChange() {
            assertDoesNotCount(abn(), m -> assertEquals(1, m.replace("a", 1)));
            assertDoesNotCount(abn(), m -> assertNull(m.replace("zzz", 1)));
        }

        @Test
        void replacingTheExpectedOldValueIsAChange() {
            TrackedMap map = abn();
            assertCounts(map, m -> assertTrue(m.replace("a", 1, 10)));
            assertCounts(map, m -> assertTrue(m.replace("n", null, 0)));
            assertEquals(Map.of("a", 10, "b", 2, "n", 0), map);
        }

        @Test
        void replacingAWrongOldValueIsNotAChange() {
            assertDoesNotCount(abn(), m -> assertFalse(m.replace("a", 2, 10)));
            assertDoesNotCount(abn(), m -> assertFalse(m.replace("zzz", null, 10)));
        }

        @Test
        void replacingTheOldValueWithAnEqualOneSucceedsWithoutAChange() {
            assertDoesNotCount(abn(), m -> assertTrue(m.replace("a", 1, 1)));
        }

        @Test
        void computeIsAChangeWhenItStoresANewValue() {
            TrackedMap map = abn();
            assertCounts(map, m -> assertEquals(2, m.compute("a", (k, v) -> (Integer) v + 1)));
            assertCounts(map, m -> assertEquals("new", m.compute("c", (k, v) -> "new")));
            assertEquals(mapOf("a", 2, "b", 2, "n", null, "c", "new"), map);
        }

        @Test
        void computeToAnEqualValueIsNotAChange() {
            assertDoesNotCount(abn(), m -> m.compute("a", (k, v) -> 1));
        }

        @Test
        void computeToNullRemovesAPresentKeyAsAChange() {
            TrackedMap map = abn();
            assertCounts(map, m -> assertNull(m.compute("a", (k, v) -> null)));
            assertCounts(map, m -> assertNull(m.compute("n", (k, v) -> null)));
            assertEquals(Map.of("b", 2), map);
        }

        @Test
        void computeToNullOnAnAbsentKeyIsNotAChange() {
            assertDoesNotCount(abn(), m -> assertNull(m.compute("zzz", (k, v) -> null)));
        }

        @Test
        void computeIfAbsentOnAnAbsentOrNullKeyIsAChange() {
            TrackedMap map = abn();
            assertCounts(map, m -> assertEquals(3, m.computeIfAbsent("c", k -> 3)));
            assertCounts(map, m -> assertEquals(4, m.computeIfAbsent("n", k -> 4)));
            assertEquals(Map.of("a", 1, "b", 2, "n", 4, "c", 3), map);
        }

        @Test
        void computeIfAbsentOnAPresentKeyIsNotAChange() {
            assertDoesNotCount(abn(), m -> assertEquals(1, m.computeIfAbsent("a", k -> {
                throw new AssertionError("must not be called");
            })));
        }

        @Test
        void computeIfAbsentToNullIsNotAChange() {
            assertDoesNotCount(abn(), m -> assertNull(m.computeIfAbsent("zzz", k -> null)));
            assertDoesNotCount(abn(), m -> assertNull(m.computeIfAbsent("n", k -> null)));
        }

        @Test
        void computeIfPresentIsAChangeWhenTheValueChangesOrIsRemoved() {
            TrackedMap map = abn();
            assertCounts(map, m -> assertEquals(11, m.computeIfPresent("a", (k, v) -> (Integer) v + 10)));
            assertCounts(map, m -> assertNull(m.computeIfPresent("b", (k, v) -> null)));
            assertEquals(mapOf("a", 11, "n", null), map);
        }

        @Test
        void computeIfPresentOnAnAbsentKeyOrToAnEqualValueIsNotAChange() {
            assertDoesNotCount(abn(), m -> assertNull(m.computeIfPresent("zzz", (k, v) -> 5)));
            assertDoesNotCount(abn(), m -> assertNull(m.computeIfPresent("n", (k, v) -> 5)));
            assertDoesNotCount(abn(), m -> assertEquals(1, m.computeIfPresent("a", (k, v) -> 1)));
        }

        @Test
        void mergeIsAChangeWhenItStoresOrRemoves() {
            TrackedMap map = abn();
            assertCounts(map, m -> assertEquals(5, m.merge("c", 5, (a, b) -> 0)));
            assertCounts(map, m -> assertEquals(3, m.merge("a", 2, (a, b) -> (Integer) a + (Integer) b)));
            assertCounts(map, m -> assertEquals(9, m.merge("n", 9, (a, b) -> 0)));
            assertCounts(map, m -> assertNull(m.merge("b", 2, (a, b) -> null)));
            assertEquals(Map.of("a", 3, "n", 9, "c", 5), map);
        }

        @Test
        void mergeToAnEqualValueIsNotAChange() {
            assertDoesNotCount(abn(), m -> assertEquals(1, m.merge("a", 7, (a, b) -> a)));
        }

        @Test
        void mergeRefusesANullValueLikeMapDoes() {
            assertDoesNotCount(abn(), m ->
                    assertThrows(NullPointerException.class, () -> m.merge("a", null, (a, b) -> b)));
        }

        @Test
        void replaceAllIsAChangeWhenAnyValueChanges() {
            TrackedMap map = abn();
            assertCounts(map, m -> m.replaceAll((k, v) -> k.equals("b") ? "B" : v));
            assertEquals(List.of(1, "B"), new ArrayList<>(map.values()).subList(0, 2));
            assertCounts(map, m -> m.replaceAll((k, v) -> null));
            assertEquals(3, map.size());
        }

        @Test
        void replaceAllWithTheSameValuesIsNotAChange() {
            assertDoesNotCount(abn(), m -> m.replaceAll((k, v) -> v));
            assertDoesNotCount(new TrackedMap(NO_THREADS), m -> m.replaceAll((k, v) -> "x"));
        }

        @Test
        void aFunctionThatModifiesTheMapFailsFast() {
            TrackedMap map = abn();
            assertThrows(ConcurrentModificationException.class,
                    () -> map.replaceAll((k, v) -> map.remove("b")));
            assertThrows(ConcurrentModificationException.class,
                    () -> map.compute("new", (k, v) -> map.put("other", 1)));
        }
    }

    @Nested
    class Views {

        @Test
        void removingThroughTheKeySetCountsOnlyWhenTheKeyWasPresent() {
            TrackedMap map = abn();
            assertCounts(map, m -> assertTrue(m.keySet().remove("a")));
            assertDoesNotCount(map, m -> assertFalse(m.keySet().remove("a")));
            assertEquals(Set.of("b", "n"), map.keySet());
        }

        @Test
        void removingThroughAKeySetIteratorCountsAsAChange() {
            TrackedMap map = abn();
            assertCounts(map, m -> {
                Iterator<String> it = m.keySet().iterator();
                it.next();
                it.remove();
            });
            assertEquals(List.of("b", "n"), List.copyOf(map.keySet()));
        }

        @Test
        void removeIfOnTheKeySetCountsOnlyWhenSomethingMatched() {
            assertCounts(abn(), m -> assertTrue(m.keySet().removeIf("b"::equals)));
            assertDoesNotCount(abn(), m -> assertFalse(m.keySet().removeIf("zzz"::equals)));
        }

        @Test
        void retainAllOnTheKeySetCountsOnlyWhenSomethingWasDropped() {
            TrackedMap map = abn();
            assertCounts(map, m -> assertTrue(m.keySet().retainAll(Set.of("a"))));
            assertEquals(Map.of("a", 1), map);
            assertDoesNotCount(abn(), m -> assertFalse(m.keySet().retainAll(Set.of("a", "b", "n", "x"))));
        }

        @Test
        void removeAllOnTheKeySetCountsOnlyWhenSomethingWasRemoved() {
            assertCounts(abn(), m -> assertTrue(m.keySet().removeAll(Set.of("a", "x"))));
            // Both of AbstractSet's strategies: fewer and more arguments than elements.
            assertCounts(abn(), m -> assertTrue(m.keySet().removeAll(List.of("a", "b", "n", "x", "y"))));
            assertDoesNotCount(abn(), m -> assertFalse(m.keySet().removeAll(Set.of("x"))));
            assertDoesNotCount(abn(), m -> assertFalse(m.keySet().removeAll(List.of("x", "y", "z", "w"))));
        }

        @Test
        void clearingTheKeySetCountsOnlyWhenTheMapWasNonEmpty() {
            TrackedMap map = abn();
            assertCounts(map, m -> m.keySet().clear());
            assertTrue(map.isEmpty());
            assertDoesNotCount(map, m -> m.keySet().clear());
        }

        @Test
        void removingThroughTheValuesCountsOnlyWhenTheValueWasPresent() {
            TrackedMap map = abn();
            assertCounts(map, m -> assertTrue(m.values().remove(2)));
            assertDoesNotCount(map, m -> assertFalse(m.values().remove(2)));
            assertCounts(map, m -> assertTrue(m.values().remove(null)));
            assertEquals(Map.of("a", 1), map);
        }

        @Test
        void removingThroughAValuesIteratorCountsAsAChange() {
            TrackedMap map = abn();
            assertCounts(map, m -> {
                Iterator<Object> it = m.values().iterator();
                it.next();
                it.next();
                it.remove();
            });
            assertEquals(List.of("a", "n"), List.copyOf(map.keySet()));
        }

        @Test
        void bulkRemovalsThroughTheValuesCountOnlyWhenSomethingWasRemoved() {
            assertCounts(abn(), m -> assertTrue(m.values().removeIf(v -> v == null)));
            assertDoesNotCount(abn(), m -> assertFalse(m.values().removeIf("zzz"::equals)));
            // Set.of and List.of throw on contains(null), and the values hold a null.
            assertCounts(abn(), m -> assertTrue(m.values().removeAll(Arrays.asList(1))));
            assertDoesNotCount(abn(), m -> assertFalse(m.values().removeAll(Arrays.asList(99))));
            assertCounts(abn(), m -> assertTrue(m.values().retainAll(Arrays.asList(1))));
            assertDoesNotCount(abn(), m -> assertFalse(m.values().retainAll(new ArrayList<>(m.values()))));
            assertCounts(abn(), m -> m.values().clear());
            assertDoesNotCount(new TrackedMap(NO_THREADS), m -> m.values().clear());
        }

        @Test
        void removingThroughTheEntrySetCountsOnlyWhenTheMappingWasPresent() {
            TrackedMap map = abn();
            assertDoesNotCount(map, m -> assertFalse(m.entrySet().remove(new SimpleEntry<>("a", 2))));
            assertDoesNotCount(map, m -> assertFalse(m.entrySet().remove("a")));
            assertCounts(map, m -> assertTrue(m.entrySet().remove(new SimpleEntry<>("a", 1))));
            assertEquals(mapOf("b", 2, "n", null), map);
        }

        @Test
        void removingThroughAnEntrySetIteratorCountsAsAChange() {
            TrackedMap map = abn();
            assertCounts(map, m -> {
                Iterator<Map.Entry<String, Object>> it = m.entrySet().iterator();
                while (it.hasNext()) {
                    if (it.next().getKey().equals("b")) {
                        it.remove();
                    }
                }
            });
            assertEquals(List.of("a", "n"), List.copyOf(map.keySet()));
        }

        @Test
        void bulkRemovalsThroughTheEntrySetCountOnlyWhenSomethingWasRemoved() {
            assertCounts(abn(), m -> assertTrue(m.entrySet().removeIf(e -> e.getValue() == null)));
            assertDoesNotCount(abn(), m -> assertFalse(m.entrySet().removeIf(e -> e.getKey().isEmpty())));
            assertCounts(abn(), m -> assertTrue(m.entrySet().removeAll(Set.of(Map.entry("a", 1)))));
            assertDoesNotCount(abn(), m -> assertFalse(m.entrySet().removeAll(Set.of(Map.entry("a", 5)))));
            assertCounts(abn(), m -> assertTrue(m.entrySet().retainAll(Set.of(Map.entry("b", 2)))));
            assertCounts(abn(), m -> m.entrySet().clear());
            assertDoesNotCount(new TrackedMap(NO_THREADS), m -> m.entrySet().clear());
        }

        @Test
        void retainAllOnTheEntrySetKeepingEverythingIsNotAChange() {
            TrackedMap map = abn();
            List<Map.Entry<String, Object>> all = new ArrayList<>(copyOf(map).entrySet());
            assertDoesNotCount(map, m -> assertFalse(m.entrySet().retainAll(all)));
        }

        @Test
        void settingAnEntryToAnotherValueIsAChange() {
            TrackedMap map = abn();
            assertCounts(map, m -> {
                for (Map.Entry<String, Object> e : m.entrySet()) {
                    if (e.getKey().equals("a")) {
                        assertEquals(1, e.setValue(100));
                    }
                }
            });
            assertEquals(100, map.get("a"));
        }

        @Test
        void settingAnEntryToAnEqualValueIsNotAChange() {
            assertDoesNotCount(abn(), m -> m.entrySet().forEach(e -> e.setValue(e.getValue())));
        }

        @Test
        void entriesReachedThroughStreamsAndArraysAreTrackedToo() {
            TrackedMap map = abn();
            assertCounts(map, m -> m.entrySet().stream()
                    .filter(e -> e.getKey().equals("b")).forEach(e -> e.setValue(20)));
            assertCounts(map, m -> {
                @SuppressWarnings("unchecked")
                Map.Entry<String, Object> first = (Map.Entry<String, Object>) m.entrySet().toArray()[0];
                first.setValue(10);
            });
            assertCounts(map, m -> {
                @SuppressWarnings("unchecked")
                Map.Entry<String, Object> last =
                        (Map.Entry<String, Object>) m.entrySet().toArray(new Map.Entry<?, ?>[0])[2];
                last.setValue("x");
            });
            assertEquals(Map.of("a", 10, "b", 20, "n", "x"), map);
        }

        @Test
        void addingToAViewIsUnsupported() {
            TrackedMap map = abn();
            assertThrows(UnsupportedOperationException.class, () -> map.keySet().add("c"));
            assertThrows(UnsupportedOperationException.class, () -> map.values().add(3));
            assertThrows(UnsupportedOperationException.class,
                    () -> map.entrySet().add(Map.entry("c", 3)));
            assertThrows(UnsupportedOperationException.class, () -> map.keySet().addAll(List.of("c")));
            assertEquals(0, map.changes());
            assertEquals(3, map.size());
        }

        @Test
        void removingTwiceThroughAnIteratorFailsWithoutCounting() {
            TrackedMap map = abn();
            Iterator<String> it = map.keySet().iterator();
            assertThrows(IllegalStateException.class, it::remove);
            it.next();
            it.remove();
            assertThrows(IllegalStateException.class, it::remove);
            assertEquals(1, map.changes());
        }

        @Test
        void iteratorsFailFastWhenTheMapChangesUnderThem() {
            TrackedMap map = abn();
            Iterator<String> keys = map.keySet().iterator();
            Iterator<Object> values = map.values().iterator();
            Iterator<Map.Entry<String, Object>> entries = map.entrySet().iterator();
            keys.next();
            map.put("c", 3);
            assertThrows(ConcurrentModificationException.class, keys::next);
            assertThrows(ConcurrentModificationException.class, values::next);
            assertThrows(ConcurrentModificationException.class, entries::next);
            assertThrows(ConcurrentModificationException.class,
                    () -> map.forEach((k, v) -> map.remove("c")));
        }

        @Test
        void viewsAreLive() {
            TrackedMap map = abn();
            Set<String> keys = map.keySet();
            var values = map.values();
            Set<Map.Entry<String, Object>> entries = map.entrySet();
            map.put("c", 3);
            assertTrue(keys.contains("c"));
            assertTrue(values.contains(3));
            assertTrue(entries.contains(Map.entry("c", 3)));
            assertEquals(4, keys.size());
            keys.remove("a");
            assertFalse(map.containsKey("a"));
            assertEquals(3, values.size());
            assertSame(keys, map.keySet());
        }

        @Test
        void entriesFollowTheMapEntryContract() {
            TrackedMap map = abn();
            Map.Entry<String, Object> a = map.entrySet().iterator().next();
            assertEquals(Map.entry("a", 1), a);
            assertEquals(a, Map.entry("a", 1));
            assertEquals(Map.entry("a", 1).hashCode(), a.hashCode());
            assertEquals("a=1", a.toString());
            assertNotEquals(a, Map.entry("a", 2));
            assertEquals(copyOf(map).entrySet(), map.entrySet());
            assertEquals(map.entrySet(), copyOf(map).entrySet());
            assertEquals(copyOf(map).entrySet().hashCode(), map.entrySet().hashCode());
        }
    }

    @Nested
    class Validation {

        private final Thread thread = new Thread(() -> { });

        @Test
        void theValidatorSeesEveryStoredValueIncludingNull() {
            List<String> seen = new ArrayList<>();
            TrackedMap map = new TrackedMap((k, v) -> seen.add(k + "=" + v));
            map.put("a", 1);
            map.put("n", null);
            map.putIfAbsent("b", 2);
            map.compute("a", (k, v) -> 5);
            map.compute("a", (k, v) -> null);
            map.merge("m", 7, (x, y) -> y);
            map.entrySet().iterator().next().setValue(null);
            assertEquals(List.of("a=1", "n=null", "b=2", "a=5", "m=7", "n=null"), seen);
        }

        @Test
        void putOfARefusedValueThrowsAndChangesNothing() {
            assertRefused(abn(), m -> m.put("t", thread));
            assertRefused(abn(), m -> m.put("a", thread));
        }

        @Test
        void theOtherSingleValueWritesOfARefusedValueThrowAndChangeNothing() {
            assertRefused(abn(), m -> m.putIfAbsent("t", thread));
            assertRefused(abn(), m -> m.putIfAbsent("n", thread));
            assertRefused(abn(), m -> m.replace("a", thread));
            assertRefused(abn(), m -> m.replace("a", 1, thread));
        }

        @Test
        void computeOfARefusedValueThrowsAndChangesNothing() {
            assertRefused(abn(), m -> m.compute("a", (k, v) -> thread));
            assertRefused(abn(), m -> m.compute("t", (k, v) -> thread));
            assertRefused(abn(), m -> m.computeIfAbsent("t", k -> thread));
            assertRefused(abn(), m -> m.computeIfPresent("a", (k, v) -> thread));
        }

        @Test
        void mergeOfARefusedValueThrowsAndChangesNothing() {
            assertRefused(abn(), m -> m.merge("t", thread, (a, b) -> b));
            assertRefused(abn(), m -> m.merge("a", 2, (a, b) -> thread));
        }

        @Test
        void replaceAllWithOneRefusedValueThrowsAndChangesNothing() {
            assertRefused(abn(), m -> m.replaceAll((k, v) -> k.equals("b") ? thread : "ok"));
        }

        @Test
        void putAllWithOneRefusedValueThrowsAndChangesNothing() {
            Map<String, Object> incoming = new LinkedHashMap<>();
            incoming.put("a", 100);
            incoming.put("t", thread);
            incoming.put("z", 26);
            assertRefused(abn(), m -> m.putAll(incoming));
        }

        @Test
        void setValueOfARefusedValueThrowsAndChangesNothing() {
            assertRefused(abn(), m -> m.entrySet().iterator().next().setValue(thread));
        }
    }

    @Nested
    class ReadsAndIdentity {

        @Test
        void readsNeverCount() {
            assertDoesNotCount(abn(), m -> {
                m.get("a");
                m.get("zzz");
                m.getOrDefault("zzz", 0);
                m.containsKey("a");
                m.containsValue(2);
                m.size();
                m.isEmpty();
                m.forEach((k, v) -> { });
                for (Map.Entry<String, Object> e : m.entrySet()) {
                    e.getValue();
                }
                m.keySet().contains("a");
                m.values().contains(null);
                m.keySet().toArray();
                m.values().stream().count();
                m.equals(Map.of());
                m.hashCode();
                m.toString();
            });
        }

        @Test
        void getOrDefaultFollowsTheMapContract() {
            TrackedMap map = abn();
            assertEquals(0, map.getOrDefault("zzz", 0));
            assertNull(map.getOrDefault("n", 0));
            assertEquals(1, map.getOrDefault("a", 0));
        }

        @Test
        void theMapEqualsALinkedHashMapWithTheSameContent() {
            TrackedMap map = abn();
            LinkedHashMap<String, Object> same = copyOf(map);
            assertEquals(same, map);
            assertEquals(map, same);
            assertEquals(same.hashCode(), map.hashCode());
            assertEquals(same.toString(), map.toString());
            assertEquals("{a=1, b=2, n=null}", map.toString());
            assertEquals(map, new TreeMap<>(Map.of("a", 1, "b", 2)) {{ put("n", null); }});
            same.put("a", 2);
            assertNotEquals(same, map);
            assertNotEquals(map, same);
            assertNotEquals(map, "a string");
        }

        @Test
        void insertionOrderIsKeptAndReplacingAValueKeepsItsPlace() {
            TrackedMap map = new TrackedMap(NO_THREADS);
            map.put("z", 1);
            map.put("a", 2);
            map.put("m", 3);
            map.put("z", 4);
            assertEquals(List.of("z", "a", "m"), List.copyOf(map.keySet()));
            assertEquals(List.of(4, 2, 3), List.copyOf(map.values()));
        }
    }

    @Nested
    class AgainstLinkedHashMap {

        private static final String[] KEYS = {"a", "b", "c", "d"};
        private static final Object[] VALUES = {null, 1, 2, "x"};

        @Test
        void randomCallsBehaveLikeALinkedHashMapAndCountExactlyTheChangingOnes() {
            Random random = new Random(20240607);
            TrackedMap tracked = new TrackedMap(NO_THREADS);
            LinkedHashMap<String, Object> reference = new LinkedHashMap<>();
            for (int step = 0; step < 20_000; step++) {
                int op = random.nextInt(22);
                String k = KEYS[random.nextInt(KEYS.length)];
                Object v = VALUES[random.nextInt(VALUES.length)];
                Object w = VALUES[random.nextInt(VALUES.length)];
                Object nonNull = v == null ? 3 : v;
                Map<String, Object> before = new LinkedHashMap<>(reference);
                long changes = tracked.changes();
                Object expected = apply(op, reference, k, v, w, nonNull);
                Object actual = apply(op, tracked, k, v, w, nonNull);
                String what = "step " + step + ", op " + op + " on " + before;
                assertEquals(expected, actual, what);
                assertEquals(List.copyOf(reference.entrySet()), List.copyOf(copyOf(tracked).entrySet()), what);
                assertEquals(!before.equals(reference), tracked.changes() > changes, what);
            }
        }

        private Object apply(int op, Map<String, Object> m, String k, Object v, Object w, Object nonNull) {
            return switch (op) {
                case 0, 1 -> m.put(k, v);
                case 2 -> m.remove(k);
                case 3 -> m.remove(k, v);
                case 4 -> m.putIfAbsent(k, v);
                case 5 -> m.replace(k, v);
                case 6 -> m.replace(k, v, w);
                case 7 -> m.compute(k, (key, old) -> v);
                case 8 -> m.computeIfAbsent(k, key -> v);
                case 9 -> m.computeIfPresent(k, (key, old) -> v);
                case 10 -> m.merge(k, nonNull, (old, given) -> w);
                case 11 -> {
                    m.replaceAll((key, old) -> key.equals(k) ? v : old);
                    yield null;
                }
                case 12 -> {
                    m.putAll(mapOf(k, v, "b", w));
                    yield null;
                }
                case 13 -> {
                    if (v == null) {
                        m.clear();
                    }
                    yield null;
                }
                case 14 -> m.keySet().remove(k);
                case 15 -> m.keySet().removeIf(key -> key.equals(k));
                case 16 -> m.values().remove(v);
                case 17 -> m.values().removeIf(value -> Objects.equals(value, v));
                case 18 -> m.entrySet().remove(new SimpleEntry<>(k, v));
                case 19 -> m.keySet().retainAll(Set.copyOf(List.of(k, "a")));
                case 20 -> {
                    Iterator<Map.Entry<String, Object>> it = m.entrySet().iterator();
                    while (it.hasNext()) {
                        Map.Entry<String, Object> e = it.next();
                        if (e.getKey().equals(k)) {
                            it.remove();
                        }
                    }
                    yield null;
                }
                default -> {
                    for (Map.Entry<String, Object> e : m.entrySet()) {
                        if (e.getKey().equals(k)) {
                            e.setValue(v);
                        }
                    }
                    yield null;
                }
            };
        }
    }

    @Nested
    class ValuesChangedInPlace {

        private TrackedMap withList() {
            Map<String, Object> initial = new LinkedHashMap<>();
            initial.put("name", "alice");
            initial.put("cart", new ArrayList<>(List.of("apple")));
            initial.put("bean", new StringBuilder("opaque"));
            return new TrackedMap(initial, NO_THREADS, String::valueOf);
        }

        @Test
        void immutableValuesHandedOutLeaveNothingToCompare() {
            TrackedMap map = withList();
            map.get("name");
            map.getOrDefault("absent", "x");
            assertEquals(Set.of(), map.escapedKeys());
        }

        @Test
        @SuppressWarnings("unchecked")
        void aListHandedOutByGetIsFoundChangedOnlyWhenItWas() {
            TrackedMap map = withList();
            List<Object> cart = (List<Object>) map.get("cart");
            assertEquals(Set.of("cart"), map.escapedKeys());
            assertEquals(Set.of(), map.changedInPlace());
            cart.add("pear");
            assertEquals(Set.of("cart"), map.changedInPlace());
            assertEquals(0, map.changes(), "an in-place change is not a counted change");
        }

        @Test
        void encodingTheContentForASaveHandsNothingOutSoNothingIsSnapshotted() {
            Map<String, Object> initial = new LinkedHashMap<>();
            initial.put("name", "alice");
            initial.put("cart", new ArrayList<>(List.of("apple")));
            TrackedMap map = new TrackedMap(initial, NO_THREADS, String::valueOf);
            String encoded = org.cloakroom.codec.SessionCodec.defaults().encode(map.content());
            assertTrue(encoded.contains("apple"), encoded);
            assertEquals(Set.of(), map.escapedKeys());
            assertThrows(UnsupportedOperationException.class, () -> map.content().put("x", 1));
        }

        @Test
        @SuppressWarnings("unchecked")
        void everyMutableValueReachedThroughAViewOrAFunctionIsCompared() {
            TrackedMap map = withList();
            map.forEach((k, v) -> { });
            assertEquals(Set.of("cart", "bean"), map.escapedKeys());
            TrackedMap viaEntries = withList();
            viaEntries.entrySet().forEach(Map.Entry::getValue);
            assertEquals(Set.of("cart", "bean"), viaEntries.escapedKeys());
            TrackedMap viaCompute = withList();
            viaCompute.computeIfPresent("cart", (k, v) -> {
                ((List<Object>) v).add("pear");
                return v;
            });
            assertEquals(Set.of("cart"), viaCompute.changedInPlace());
        }

        @Test
        void aValueThatCannotBeCopiedIsComparedThroughItsEncoding() {
            TrackedMap map = withList();
            ((StringBuilder) map.get("bean")).append(" and changed");
            assertEquals(Set.of("bean"), map.changedInPlace());
        }

        @Test
        void aValueRemovedAfterItWasHandedOutIsACountedChangeNotAnInPlaceOne() {
            TrackedMap map = withList();
            map.get("cart");
            map.remove("cart");
            assertEquals(Set.of(), map.changedInPlace());
            assertEquals(1, map.changes());
        }
    }
}
