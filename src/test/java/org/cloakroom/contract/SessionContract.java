package org.cloakroom.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cloakroom.Session;
import org.cloakroom.SessionInterruptedException;
import org.cloakroom.config.Setting;
import org.cloakroom.internal.engine.BaseSession;
import org.junit.jupiter.api.Test;

/**
 * The contract every engine passes: persistence, types, keys, flush, cycleKey, the test cookie,
 * expiry, corrupt data, concurrent deletion and merging, laziness and nested changes. Extend it with one small
 * class per engine.
 */
public abstract class SessionContract extends SessionsByUserContract {

    /** A record the tests allow-list, as an application would. */
    public record CartLine(String sku, int quantity, BigDecimal price) {
    }

    // ---- persistence and types -------------------------------------------------------------

    @Test
    void dataSurvivesASaveAndComesBackOnTheNextRequest() {
        BaseSession first = saved("fav_color", "blue");
        BaseSession second = nextRequest(first);
        assertEquals("blue", second.get("fav_color"));
        assertFalse(second.isModified());
    }

    @Test
    void everyValueComesBackAsTheTypeItWasStoredAs() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("int", 42);
        values.put("long", 42L);
        values.put("double", 1.5d);
        values.put("decimal", new BigDecimal("10.50"));
        values.put("bool", true);
        values.put("text", "héllo \"world\"");
        values.put("nothing", null);
        values.put("when", LocalDateTime.of(2005, 8, 20, 13, 35, 10));
        values.put("day", LocalDate.of(2024, 2, 29));
        values.put("instant", Instant.parse("2024-01-01T00:00:00Z"));
        values.put("zoned", ZonedDateTime.of(2024, 5, 1, 9, 0, 0, 0, ZoneId.of("Europe/Paris")));
        values.put("enum", DayOfWeek.FRIDAY);
        values.put("uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        values.put("list", new ArrayList<>(List.of(1, 2L, "three", LocalDate.of(2024, 1, 1))));
        values.put("set", Set.of("only"));
        values.put("map", new LinkedHashMap<>(Map.of("nested", List.of(1))));
        BaseSession first = newSession();
        first.putAll(values);
        first.save();
        BaseSession second = nextRequest(first);
        for (var e : values.entrySet()) {
            Object back = second.get(e.getKey());
            assertEquals(e.getValue(), back, e.getKey());
            if (back != null && !(back instanceof java.util.Collection) && !(back instanceof Map)) {
                assertEquals(e.getValue().getClass(), back.getClass(), e.getKey());
            }
        }
        assertEquals(Integer.class, ((List<?>) second.get("list")).get(0).getClass());
        assertEquals(Long.class, ((List<?>) second.get("list")).get(1).getClass());
    }

    @Test
    void anAllowListedRecordComesBackAsThatRecord() {
        configure(b -> b.set(Setting.SESSION_SERIALIZER_ALLOWED_TYPES, CartLine.class.getName()));
        CartLine line = new CartLine("SKU-1", 2, new BigDecimal("9.99"));
        BaseSession second = nextRequest(saved("line", line));
        assertEquals(line, second.get("line"));
    }

    @Test
    void aLargeSessionSurvivesWhole() {
        assumeTrue(storesServerSide(), "a cookie holds at most 4 KB");
        String big = "x".repeat(200_000);
        assertEquals(big, nextRequest(saved("big", big)).get("big"));
    }

    // ---- keys ------------------------------------------------------------------------------

    @Test
    void savingANewSessionIssuesAFreshKey() {
        BaseSession s = saved("a", 1);
        assertTrue(engine.isWellFormedKey(s.getSessionKey()), s.getSessionKey());
        assertNotEquals(s.getSessionKey(), saved("a", 1).getSessionKey());
    }

    @Test
    void aKeyThatWasNeverIssuedIsNeverAdopted() {
        String forged = engine.newKey();
        BaseSession s = session(forged);
        assertTrue(s.isEmpty());
        s.put("a", 1);
        s.save();
        assertNotEquals(forged, s.getSessionKey());
        assertTrue(storesServerSide() ? !engine.exists(forged) : true);
    }

    @Test
    void loadingAnUnknownKeyStoresNothing() {
        assumeTrue(storesServerSide());
        String forged = engine.newKey();
        assertTrue(session(forged).isEmpty());
        assertFalse(engine.exists(forged));
    }

    @Test
    void aCookieValueTheEngineCouldNotHaveIssuedIsTreatedAsNoSession() {
        for (String bad : new String[] {"", "short", "../../../etc/passwd", "A".repeat(32), "x".repeat(5000)}) {
            BaseSession s = session(bad);
            assertNull(s.getSessionKey(), bad);
            assertTrue(s.isEmpty());
        }
    }

    // ---- flush and cycleKey ------------------------------------------------------------------

    @Test
    void flushDeletesTheDataAndTheStoredSessionAndForgetsTheKey() {
        BaseSession first = saved("user", 7);
        String key = first.getSessionKey();
        BaseSession second = nextRequest(first);
        second.flush();
        assertNull(second.getSessionKey());
        assertTrue(second.isEmpty());
        assertTrue(second.isModified());
        assertTrue(second.isBlank());
        if (storesServerSide()) {
            assertFalse(engine.exists(key));
            assertTrue(session(key).isEmpty());
        }
        second.put("again", 1);
        second.save();
        assertNotEquals(key, second.getSessionKey());
    }

    @Test
    void cycleKeyKeepsTheDataUnderANewKey() {
        BaseSession first = saved("cart", List.of("apple"));
        String oldKey = first.getSessionKey();
        BaseSession second = nextRequest(first);
        second.cycleKey();
        assertNotEquals(oldKey, second.getSessionKey());
        assertTrue(second.isModified());
        assertEquals(List.of("apple"), nextRequest(second).get("cart"));
        if (storesServerSide()) {
            assertFalse(engine.exists(oldKey));
        }
    }

    @Test
    void cycleKeyOnASessionWithoutKeyStoresIt() {
        BaseSession s = newSession();
        s.put("a", 1);
        s.cycleKey();
        assertNotNull(s.getSessionKey());
        assertEquals(1, nextRequest(s).get("a"));
    }

    // ---- test cookie -------------------------------------------------------------------------

    @Test
    void theTestCookieWorksOnTheNextRequestAndCanBeDeleted() {
        BaseSession first = newSession();
        first.setTestCookie();
        assertTrue(first.testCookieWorked());
        first.save();
        BaseSession second = nextRequest(first);
        assertTrue(second.testCookieWorked());
        second.deleteTestCookie();
        assertFalse(second.testCookieWorked());
        assertTrue(second.isModified());
        assertFalse(newSession().testCookieWorked());
    }

    // ---- expiry ------------------------------------------------------------------------------

    @Test
    void withoutCustomExpiryTheSessionLivesForTheCookieAge() {
        BaseSession s = newSession();
        assertEquals(1_209_600, s.getExpiryAge());
        assertEquals(clock.instant().plusSeconds(1_209_600), s.getExpiryDate());
        assertFalse(s.getExpireAtBrowserClose());
    }

    @Test
    void setExpiryInSecondsSetsTheAgeAndMarksTheSessionModified() {
        BaseSession s = nextRequest(saved("a", 1));
        s.setExpiry(300);
        assertTrue(s.isModified());
        assertEquals(300, s.getExpiryAge());
        assertEquals(clock.instant().plusSeconds(300), s.getExpiryDate());
        s.save();
        assertEquals(300, nextRequest(s).getExpiryAge());
    }

    @Test
    void setExpiryZeroMeansUntilTheBrowserClosesWithTheCookieAgeServerSide() {
        BaseSession s = newSession();
        s.setExpiry(0);
        assertTrue(s.getExpireAtBrowserClose());
        assertEquals(settings.expiry().cookieAge(), s.getExpiryAge());
    }

    @Test
    void setExpiryAcceptsADurationAnInstantAndAZonedDateTime() {
        BaseSession s = newSession();
        s.setExpiry(Duration.ofMinutes(5));
        assertEquals(300, s.getExpiryAge());
        s.setExpiry(clock.instant().plusSeconds(60));
        assertEquals(60, s.getExpiryAge());
        s.setExpiry(ZonedDateTime.ofInstant(clock.instant().plusSeconds(90), ZoneId.of("Asia/Tokyo")));
        assertEquals(90, s.getExpiryAge());
        assertEquals(clock.instant().plusSeconds(90), s.getExpiryDate());
        assertFalse(s.getExpireAtBrowserClose());
        s.save();
        assertEquals(clock.instant().plusSeconds(90), nextRequest(s).getExpiryDate());
    }

    @Test
    void resetExpiryGoesBackToTheGlobalPolicy() {
        configure(b -> b.set(Setting.SESSION_EXPIRE_AT_BROWSER_CLOSE, true).set(Setting.SESSION_COOKIE_AGE, 600));
        BaseSession s = newSession();
        assertTrue(s.getExpireAtBrowserClose());
        s.setExpiry(30);
        assertFalse(s.getExpireAtBrowserClose());
        s.resetExpiry();
        assertTrue(s.getExpireAtBrowserClose());
        assertEquals(600, s.getExpiryAge());
        assertFalse(s.containsKey(Session.EXPIRY_KEY));
    }

    @Test
    void theExpiryArgumentsAnswerWithoutLoadingTheSession() {
        BaseSession s = session(saved("a", 1).getSessionKey());
        Instant modification = clock.instant().minusSeconds(100);
        assertEquals(settings.expiry().cookieAge(), s.getExpiryAge(modification, null));
        assertEquals(50, s.getExpiryAge(modification, 50));
        assertEquals(settings.expiry().cookieAge(), s.getExpiryAge(modification, 0));
        assertEquals(400, s.getExpiryAge(modification, modification.plusSeconds(400)));
        assertEquals(modification.plusSeconds(50), s.getExpiryDate(modification, 50));
        assertEquals(modification.plusSeconds(settings.expiry().cookieAge()), s.getExpiryDate(modification, null));
        assertFalse(s.isAccessed());
    }

    @Test
    void theExpiryAgeIsRoundedDownToWholeSeconds() {
        BaseSession s = newSession();
        Instant now = clock.instant();
        assertEquals(-1, s.getExpiryAge(now, now.minusMillis(500)));
        assertEquals(0, s.getExpiryAge(now, now.plusMillis(500)));
    }

    @Test
    void anExpiredSessionLoadsEmptyAndItsKeyIsDropped() {
        BaseSession first = newSession();
        first.put("a", 1);
        first.setExpiry(60);
        first.save();
        clock.advance(Duration.ofSeconds(61));
        BaseSession later = nextRequest(first);
        assertTrue(later.isEmpty());
        assertNull(later.getSessionKey());
    }

    @Test
    void readingASessionDoesNotExtendItsLife() {
        BaseSession first = newSession();
        first.put("a", 1);
        first.setExpiry(60);
        first.save();
        clock.advance(Duration.ofSeconds(40));
        assertEquals(1, nextRequest(first).get("a"));
        clock.advance(Duration.ofSeconds(30));
        assertTrue(nextRequest(first).isEmpty());
    }

    @Test
    void savingAgainExtendsTheLifeFromTheLastModification() {
        BaseSession first = newSession();
        first.put("a", 1);
        first.setExpiry(60);
        first.save();
        clock.advance(Duration.ofSeconds(40));
        BaseSession second = nextRequest(first);
        second.put("b", 2);
        second.save();
        clock.advance(Duration.ofSeconds(40));
        assertEquals(2, nextRequest(second).get("b"));
    }

    // ---- robustness --------------------------------------------------------------------------

    @Test
    void corruptStoredDataGivesAnEmptySessionNotAnError() throws Exception {
        String key = engine.newKey();
        key = engine.save(key, "{this is not json", clock.instant().plusSeconds(60), true);
        BaseSession s = session(key);
        assertTrue(s.isEmpty());
        s.put("fresh", true);
        s.save();
        assertEquals(true, nextRequest(s).get("fresh"));
    }

    @Test
    void savingASessionThatWasDeletedConcurrentlyIsInterrupted() {
        assumeTrue(storesServerSide());
        BaseSession first = saved("a", 1);
        BaseSession tabOne = nextRequest(first);
        BaseSession tabTwo = nextRequest(first);
        tabOne.get("a");
        tabTwo.flush();
        tabOne.put("b", 2);
        assertThrows(SessionInterruptedException.class, tabOne::save);
        assertFalse(engine.exists(first.getSessionKey()), "a deleted session is never resurrected");
    }

    @Test
    void aSessionThatIsNeverTouchedCostsNoStorageCall() {
        String key = saved("a", 1).getSessionKey();
        int before = engine.calls();
        BaseSession s = session(key);
        s.getSessionKey();
        s.isModified();
        s.isAccessed();
        assertEquals(before, engine.calls());
        assertFalse(s.isAccessed());
    }

    @Test
    void clearExpiredRemovesExpiredSessionsAndKeepsLiveOnes() {
        BaseSession live = saved("live", 1);
        BaseSession dying = newSession();
        dying.put("dying", 1);
        dying.setExpiry(10);
        dying.save();
        clock.advance(Duration.ofSeconds(11));
        engine.clearExpired();
        assertEquals(1, nextRequest(live).get("live"));
        assertTrue(nextRequest(dying).isEmpty());
        if (storesServerSide()) {
            assertFalse(engine.exists(dying.getSessionKey()));
        }
    }

    // ---- what the process keeps decoded -------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void aListChangedInPlaceByARequestThatDidNotSaveIsUnchangedForTheNext() {
        BaseSession first = saved("cart", new ArrayList<>(List.of("apple")));
        BaseSession unsaved = nextRequest(first);
        ((List<Object>) unsaved.get("cart")).add("pear");
        assertEquals(List.of("apple"), nextRequest(first).get("cart"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void twoRequestsOfOneVisitorEachGetTheirOwnValues() {
        Map<String, Object> prefs = new LinkedHashMap<>(Map.of("tags", new ArrayList<>(List.of("red"))));
        BaseSession first = saved("prefs", prefs);
        BaseSession one = nextRequest(first);
        BaseSession two = nextRequest(first);
        ((List<Object>) ((Map<String, Object>) one.get("prefs")).get("tags")).add("green");
        assertEquals(Map.of("tags", List.of("red")), two.get("prefs"));
    }

    @Test
    void whatAnotherNodeStoredIsLoadedNotWhatThisProcessLastSaw() throws Exception {
        assumeTrue(storesServerSide(), "a cookie's data travels with its key");
        BaseSession first = saved("a", 1);
        nextRequest(first).get("a");
        engine.save(first.getSessionKey(), codec.encode(Map.of("a", 2)), clock.instant().plusSeconds(60), false);
        assertEquals(2, nextRequest(first).get("a"));
    }

    // ---- nested changes ----------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void aChangeMadeInsideAStoredListIsDetected() {
        BaseSession second = nextRequest(saved("cart", new ArrayList<>(List.of("apple"))));
        ((List<Object>) second.get("cart")).add("pear");
        assertFalse(second.isModified(), "in-place changes are found at the end of the request");
        second.detectNestedChanges();
        assertTrue(second.isModified());
        second.save();
        assertEquals(List.of("apple", "pear"), nextRequest(second).get("cart"));
    }

    @Test
    void readingWithoutChangingIsNotMistakenForANestedChange() {
        BaseSession second = nextRequest(saved("cart", new ArrayList<>(List.of("apple", 1, LocalDate.of(2024, 1, 1)))));
        second.get("cart");
        second.detectNestedChanges();
        assertFalse(second.isModified());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aChangeDeepInsideAStoredValueReachedThroughAViewIsDetected() {
        Map<String, Object> line = new LinkedHashMap<>(Map.of("sku", "A-1"));
        BaseSession second = nextRequest(saved("cart", new ArrayList<>(List.of(line))));
        for (Object value : second.values()) {
            ((Map<String, Object>) ((List<Object>) value).get(0)).put("quantity", 2);
        }
        second.detectNestedChanges();
        assertTrue(second.isModified());
        second.save();
        assertEquals(List.of(Map.of("sku", "A-1", "quantity", 2)), nextRequest(second).get("cart"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void reorderingAStoredMapInPlaceIsAChangeBecauseOrderIsStored() {
        Map<String, Object> prefs = new LinkedHashMap<>();
        prefs.put("a", 1);
        prefs.put("b", 2);
        BaseSession second = nextRequest(saved("prefs", prefs));
        Map<String, Object> live = (Map<String, Object>) second.get("prefs");
        live.put("a", live.remove("a"));
        second.detectNestedChanges();
        assertTrue(second.isModified());
    }

    @Test
    void readingOnlyImmutableValuesLeavesNothingToCompare() {
        BaseSession second = nextRequest(saved("name", "alice"));
        second.get("name");
        second.getOrDefault("missing", List.of());
        second.detectNestedChanges();
        assertFalse(second.isModified());
    }

    @Test
    void theEndOfRequestSaveSkipsAWriteThatCycleKeyAlreadyMade() {
        BaseSession second = nextRequest(saved("a", 1));
        second.cycleKey();
        int before = engine.calls();
        second.saveAtEndOfRequest(false);
        assertEquals(before, engine.calls());
        second.put("b", 2);
        second.saveAtEndOfRequest(false);
        assertEquals(before + 1, engine.calls());
        assertEquals(2, nextRequest(second).get("b"));
        assertTrue(ChronoUnit.SECONDS.between(clock.instant(), second.getExpiryDate()) > 0);
    }
}
