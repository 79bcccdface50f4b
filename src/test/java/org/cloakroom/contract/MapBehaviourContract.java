package org.cloakroom.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.cloakroom.UnstorableValueException;
import org.cloakroom.internal.engine.BaseSession;
import org.junit.jupiter.api.Test;

/**
 * The session is a {@code java.util.Map} in every respect, and each Map method and view marks it
 * modified exactly when it changes the content.
 */
public abstract class MapBehaviourContract extends ContractFixture {

    /** The next request's session for a stored session holding a=1, b=2. */
    private BaseSession storedAB() {
        BaseSession s = newSession();
        s.put("a", 1);
        s.put("b", 2);
        s.save();
        return nextRequest(s);
    }

    private void assertChanges(Consumer<BaseSession> action, Map<String, Object> expected) {
        BaseSession s = storedAB();
        action.accept(s);
        assertTrue(s.isModified(), "the session should be marked modified");
        assertEquals(expected, new LinkedHashMap<>(s));
    }

    private void assertNoChange(Consumer<BaseSession> action) {
        BaseSession s = storedAB();
        action.accept(s);
        assertTrue(s.isAccessed());
        assertFalse(s.isModified(), "the session should not be marked modified");
        assertEquals(Map.of("a", 1, "b", 2), new LinkedHashMap<>(s));
    }

    @Test
    void aFreshSessionIsNeitherAccessedNorModified() {
        BaseSession s = newSession();
        assertFalse(s.isAccessed());
        assertFalse(s.isModified());
    }

    @Test
    void readingMarksTheSessionAccessedButNotModified() {
        assertNoChange(s -> {
            assertEquals(1, s.get("a"));
            assertEquals(2, s.size());
            assertTrue(s.containsKey("b"));
            assertTrue(s.containsValue(2));
            assertEquals(9, s.getOrDefault("zz", 9));
            s.forEach((k, v) -> { });
            assertEquals(Map.of("a", 1, "b", 2), s);
        });
    }

    @Test
    void puttingANewValueMarksTheSessionModified() {
        assertChanges(s -> s.put("c", 3), Map.of("a", 1, "b", 2, "c", 3));
    }

    @Test
    void puttingADifferentValueMarksTheSessionModified() {
        assertChanges(s -> assertEquals(1, s.put("a", 10)), Map.of("a", 10, "b", 2));
    }

    @Test
    void puttingAnEqualValueIsNotAChange() {
        assertNoChange(s -> s.put("a", 1));
    }

    @Test
    void removingAPresentKeyMarksTheSessionModified() {
        assertChanges(s -> assertEquals(1, s.remove("a")), Map.of("b", 2));
    }

    @Test
    void removingAnAbsentKeyIsNotAChange() {
        assertNoChange(s -> assertNull(s.remove("zz")));
    }

    @Test
    void putIfAbsentChangesOnlyWhenItInserts() {
        assertNoChange(s -> assertEquals(1, s.putIfAbsent("a", 5)));
        assertChanges(s -> assertNull(s.putIfAbsent("c", 3)), Map.of("a", 1, "b", 2, "c", 3));
    }

    @Test
    void computeIfAbsentChangesOnlyWhenItInserts() {
        assertNoChange(s -> assertEquals(1, s.computeIfAbsent("a", k -> 5)));
        assertChanges(s -> assertEquals(3, s.computeIfAbsent("c", k -> 3)), Map.of("a", 1, "b", 2, "c", 3));
    }

    @Test
    void computeIfPresentChangesOnlyWhenTheValueChanges() {
        assertNoChange(s -> s.computeIfPresent("zz", (k, v) -> 5));
        assertNoChange(s -> s.computeIfPresent("a", (k, v) -> v));
        assertChanges(s -> s.computeIfPresent("a", (k, v) -> null), Map.of("b", 2));
    }

    @Test
    void computeChangesOnlyWhenTheResultDiffers() {
        assertNoChange(s -> s.compute("a", (k, v) -> 1));
        assertChanges(s -> s.compute("a", (k, v) -> (Integer) v + 1), Map.of("a", 2, "b", 2));
        assertChanges(s -> s.compute("b", (k, v) -> null), Map.of("a", 1));
    }

    @Test
    void mergeChangesOnlyWhenTheResultDiffers() {
        assertNoChange(s -> s.merge("a", 0, (old, v) -> old));
        assertChanges(s -> s.merge("a", 5, (old, v) -> (Integer) old + (Integer) v), Map.of("a", 6, "b", 2));
        assertChanges(s -> s.merge("c", 3, (old, v) -> old), Map.of("a", 1, "b", 2, "c", 3));
    }

    @Test
    void replaceAllChangesOnlyWhenSomeValueDiffers() {
        assertNoChange(s -> s.replaceAll((k, v) -> v));
        assertChanges(s -> s.replaceAll((k, v) -> (Integer) v * 10), Map.of("a", 10, "b", 20));
    }

    @Test
    void bothReplaceMethodsChangeOnlyWhenTheyReplace() {
        assertNoChange(s -> assertNull(s.replace("zz", 1)));
        assertNoChange(s -> assertFalse(s.replace("a", 99, 5)));
        assertChanges(s -> assertEquals(1, s.replace("a", 7)), Map.of("a", 7, "b", 2));
        assertChanges(s -> assertTrue(s.replace("a", 1, 8)), Map.of("a", 8, "b", 2));
    }

    @Test
    void conditionalRemoveChangesOnlyWhenTheValueMatches() {
        assertNoChange(s -> assertFalse(s.remove("a", 99)));
        assertChanges(s -> assertTrue(s.remove("a", 1)), Map.of("b", 2));
    }

    @Test
    void putAllAndClearAreChangesOnlyWhenTheyChangeSomething() {
        assertNoChange(s -> s.putAll(Map.of("a", 1)));
        assertChanges(s -> s.putAll(Map.of("c", 3)), Map.of("a", 1, "b", 2, "c", 3));
        assertChanges(Map::clear, Map.of());
    }

    @Test
    void removingThroughTheKeySetMarksTheSessionModified() {
        assertChanges(s -> s.keySet().remove("a"), Map.of("b", 2));
        assertChanges(s -> s.keySet().retainAll(List.of("b")), Map.of("b", 2));
        assertNoChange(s -> s.keySet().retainAll(List.of("a", "b")));
        assertNoChange(s -> s.keySet().removeIf(k -> k.equals("zz")));
    }

    @Test
    void removingThroughAValuesIteratorMarksTheSessionModified() {
        assertChanges(s -> {
            Iterator<Object> it = s.values().iterator();
            it.next();
            it.remove();
        }, Map.of("b", 2));
        assertChanges(s -> s.values().removeIf(v -> v.equals(2)), Map.of("a", 1));
    }

    @Test
    void settingAValueThroughAnEntryMarksTheSessionModified() {
        assertChanges(s -> s.entrySet().iterator().next().setValue(100), Map.of("a", 100, "b", 2));
        assertNoChange(s -> s.entrySet().iterator().next().setValue(1));
        assertChanges(s -> s.entrySet().removeIf(e -> e.getKey().equals("b")), Map.of("a", 1));
        assertChanges(s -> s.entrySet().clear(), Map.of());
    }

    @Test
    void aViewChangedLongAfterItWasHandedOutIsStillNoticed() {
        BaseSession s = storedAB();
        var entries = s.entrySet();
        assertFalse(s.isModified());
        entries.iterator().next().setValue(42);
        assertTrue(s.isModified());
    }

    @Test
    void viewsAreLive() {
        BaseSession s = storedAB();
        var keys = s.keySet();
        s.put("c", 3);
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(keys));
    }

    @Test
    void anUnstorableValueFailsAtPutNamingTheKeyAndTheType() {
        BaseSession s = storedAB();
        UnstorableValueException e = assertThrows(UnstorableValueException.class, () -> s.put("lock", new Object()));
        assertEquals("lock", e.getKey());
        assertTrue(e.getMessage().contains("lock") && e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertFalse(s.containsKey("lock"));
        assertFalse(s.isModified());
    }

    @Test
    void unstorableValuesAreRefusedThroughEveryWritePath() {
        BaseSession s = storedAB();
        Object bad = new Thread();
        assertThrows(UnstorableValueException.class, () -> s.putIfAbsent("x", bad));
        assertThrows(UnstorableValueException.class, () -> s.compute("a", (k, v) -> bad));
        assertThrows(UnstorableValueException.class, () -> s.merge("a", bad, (o, v) -> v));
        assertThrows(UnstorableValueException.class, () -> s.replaceAll((k, v) -> bad));
        assertThrows(UnstorableValueException.class, () -> s.entrySet().iterator().next().setValue(bad));
        assertThrows(UnstorableValueException.class, () -> s.put("l", new ArrayList<>(List.of(1, bad))));
        assertFalse(s.isModified());
        assertEquals(Map.of("a", 1, "b", 2), new LinkedHashMap<>(s));
    }

    @Test
    void setModifiedForcesASaveWithoutAChange() {
        BaseSession s = storedAB();
        s.setModified(true);
        assertTrue(s.isModified());
    }
}
