package org.cloakroom.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cloakroom.SessionConflictException;
import org.cloakroom.internal.engine.BaseSession;
import org.cloakroom.internal.http.SessionMiddleware;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.spi.UpdateException;
import org.junit.jupiter.api.Test;

/**
 * Concurrent requests of one visitor: each loads the session, changes some keys and saves; a save
 * that finds another one came first merges (the other request's data, this request's keys on top)
 * and tries again, so no change is lost. Not for {@code signed_cookies}, whose browser keeps only the
 * last cookie.
 */
public abstract class ConcurrentSavesContract extends LifetimeContract {

    /** Two requests of the same browser, both loaded before either saves. */
    private BaseSession[] twoTabs(BaseSession stored) {
        BaseSession one = nextRequest(stored);
        BaseSession two = nextRequest(stored);
        one.size();
        two.size();
        return new BaseSession[] {one, two};
    }

    private BaseSession storedAB() {
        BaseSession s = newSession();
        s.put("a", 1);
        s.put("b", 2);
        s.save();
        return s;
    }

    @Test
    void twoRequestsChangingDifferentKeysBothKeepTheirChanges() {
        assumeTrue(storesServerSide());
        BaseSession stored = storedAB();
        BaseSession[] tabs = twoTabs(stored);
        tabs[0].put("cart", List.of("book"));
        tabs[1].put("theme", "dark");
        tabs[0].save();
        tabs[1].save();
        BaseSession later = nextRequest(stored);
        assertEquals(Map.of("a", 1, "b", 2, "cart", List.of("book"), "theme", "dark"), Map.copyOf(later));
        assertEquals(1, engine.conflicts(), "one compare-and-set lost, then merged");
    }

    @Test
    void theSameKeyChangedByBothKeepsTheLastSavesValueAndNothingElseIsLost() {
        assumeTrue(storesServerSide());
        BaseSession stored = storedAB();
        BaseSession[] tabs = twoTabs(stored);
        tabs[0].put("a", 10);
        tabs[0].put("x", "first");
        tabs[1].put("a", 20);
        tabs[1].put("y", "second");
        tabs[0].save();
        tabs[1].save();
        assertEquals(Map.of("a", 20, "b", 2, "x", "first", "y", "second"), Map.copyOf(nextRequest(stored)));
    }

    @Test
    void aRemovalStaysRemovedAndAKeyAddedMeanwhileStays() {
        assumeTrue(storesServerSide());
        BaseSession stored = storedAB();
        BaseSession[] tabs = twoTabs(stored);
        tabs[0].put("added", true);
        tabs[1].remove("a");
        tabs[0].save();
        tabs[1].save();
        assertEquals(Map.of("b", 2, "added", true), Map.copyOf(nextRequest(stored)));
    }

    @Test
    void clearRemovesTheKeysItSawAndKeepsTheOnesAnotherRequestAddedMeanwhile() {
        assumeTrue(storesServerSide());
        BaseSession stored = storedAB();
        BaseSession[] tabs = twoTabs(stored);
        tabs[0].put("added", true);
        tabs[0].save();
        tabs[1].clear();
        tabs[1].save();
        assertEquals(Map.of("added", true), Map.copyOf(nextRequest(stored)));
    }

    @Test
    void aChangeInsideAStoredListIsMergedAsAChangeOfItsKey() {
        assumeTrue(storesServerSide());
        BaseSession first = newSession();
        first.put("cart", new ArrayList<>(List.of("book")));
        first.save();
        BaseSession[] tabs = twoTabs(first);
        tabs[1].put("theme", "dark");
        tabs[1].save();
        @SuppressWarnings("unchecked")
        List<Object> cart = (List<Object>) tabs[0].get("cart");
        cart.add("pen");
        tabs[0].detectNestedChanges();
        tabs[0].saveAtEndOfRequest(false);
        assertEquals(Map.of("cart", List.of("book", "pen"), "theme", "dark"), Map.copyOf(nextRequest(first)));
    }

    @Test
    void aRequestThatOnlyReadAValueDoesNotPutItsStaleCopyBack() {
        assumeTrue(storesServerSide());
        BaseSession first = newSession();
        first.put("cart", new ArrayList<>(List.of("book")));
        first.save();
        BaseSession[] tabs = twoTabs(first);
        tabs[0].get("cart");
        tabs[0].put("seen", 1);
        BaseSession other = nextRequest(first);
        other.put("cart", List.of("book", "pen"));
        other.save();
        tabs[0].save();
        assertEquals(List.of("book", "pen"), nextRequest(first).get("cart"));
        assertEquals(1, nextRequest(first).get("seen"));
    }

    @Test
    void aSessionSavedTwiceInOneRequestStillMergesWithAnotherRequest() {
        assumeTrue(storesServerSide());
        BaseSession stored = storedAB();
        BaseSession[] tabs = twoTabs(stored);
        tabs[0].put("x", 1);
        tabs[0].save();
        tabs[1].put("y", 2);
        tabs[1].save();
        tabs[0].put("z", 3);
        tabs[0].save();
        assertEquals(Map.of("a", 1, "b", 2, "x", 1, "y", 2, "z", 3), Map.copyOf(nextRequest(stored)));
    }

    @Test
    void cycleKeyTakesWhatAnotherRequestSavedMeanwhileToTheNewKey() {
        assumeTrue(storesServerSide());
        BaseSession stored = storedAB();
        BaseSession[] tabs = twoTabs(stored);
        tabs[1].put("cart", "book");
        tabs[1].save();
        String old = stored.getSessionKey();
        tabs[0].put("user", 7);
        tabs[0].cycleKey();
        tabs[0].saveAtEndOfRequest(false);
        assertFalse(engine.exists(old));
        assertEquals(Map.of("a", 1, "b", 2, "cart", "book", "user", 7), Map.copyOf(nextRequest(tabs[0])));
    }

    /** The first tab saves a change itself, then the second logs out (flush). */
    private BaseSession[] savedThenLoggedOutInTheOtherTab(BaseSession stored) {
        BaseSession[] tabs = twoTabs(stored);
        tabs[0].put("x", 1);
        tabs[0].save();
        tabs[1].flush();
        return tabs;
    }

    /** Django's update would find the row gone: 400, not a cookie for a session that no longer exists. */
    @Test
    void aLogoutAfterThisRequestSavedItIsAnInterruptionNotACookieForTheDeletedSession() {
        assumeTrue(storesServerSide());
        BaseSession stored = storedAB();
        BaseSession[] tabs = savedThenLoggedOutInTheOtherTab(stored);
        SessionMiddleware.Outcome outcome = new SessionMiddleware(settings).finish(tabs[0], true, 200);
        assertEquals(SessionMiddleware.INTERRUPTED, outcome.refusal());
        assertNull(outcome.setCookie());
        assertFalse(engine.exists(stored.getSessionKey()), "and it stays deleted");
    }

    @Test
    void aFlushAfterAnotherRequestSavedLeavesTheSessionDeleted() {
        assumeTrue(storesServerSide());
        BaseSession stored = storedAB();
        savedThenLoggedOutInTheOtherTab(stored);
        assertFalse(engine.exists(stored.getSessionKey()));
        assertTrue(nextRequest(stored).isEmpty());
    }

    @Test
    void aSaveThatKeepsLosingTheRaceFailsAsAConflictAndStoresNothing() {
        assumeTrue(storesServerSide());
        BaseSession stored = storedAB();
        SessionEngine alwaysBeaten = new LosingEngine(engine);
        BaseSession s = new BaseSession(alwaysBeaten, codec, settings.expiry(), settings.clock(), stored.getSessionKey());
        s.put("lost", true);
        assertThrows(SessionConflictException.class, s::save);
        assertEquals(Map.of("a", 1, "b", 2), Map.copyOf(nextRequest(stored)));
    }

    /**
     * Threads hammering one session, as a page firing many requests at once: every thread sets
     * distinct keys, one save per change, and every one of them is there at the end.
     */
    @Test
    void manyThreadsSavingDistinctKeysOfOneSessionLoseNothing() throws Exception {
        assumeTrue(storesServerSide());
        String key = storedAB().getSessionKey();
        int threads = 8;
        int keysEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int k = 0; k < keysEach; k++) {
                        BaseSession request = session(key);
                        request.put("t" + thread + "-" + k, k);
                        request.saveAtEndOfRequest(false);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        BaseSession after = session(key);
        assertEquals(2 + threads * keysEach, after.size(), () -> "missing: " + missing(after, threads, keysEach));
        System.out.printf("%s: %d threads x %d saves of one session, %d compare-and-sets lost and merged%n",
                getClass().getSimpleName(), threads, keysEach, engine.conflicts());
    }

    private static List<String> missing(Map<String, Object> data, int threads, int keysEach) {
        List<String> missing = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            for (int k = 0; k < keysEach; k++) {
                if (!data.containsKey("t" + t + "-" + k)) {
                    missing.add("t" + t + "-" + k);
                }
            }
        }
        return missing;
    }

    /** An engine where another request always saves first: every compare-and-set loses. */
    private static final class LosingEngine implements SessionEngine {
        private final SessionEngine engine;

        LosingEngine(SessionEngine engine) {
            this.engine = engine;
        }

        @Override public Optional<String> load(String key) { return engine.load(key); }
        @Override public Optional<Loaded> loadVersioned(String key) { return engine.loadVersioned(key); }
        @Override public boolean exists(String key) { return engine.exists(key); }
        @Override public void delete(String key) { engine.delete(key); }
        @Override public long clearExpired() { return engine.clearExpired(); }

        @Override
        public String save(String key, String data, Instant expireDate, boolean mustCreate) {
            throw new AssertionError("a stored session is only ever updated by compare-and-set");
        }

        @Override
        public Optional<String> replace(String key, Loaded expected, String data, Instant expireDate) throws UpdateException {
            return Optional.empty();
        }
    }
}
