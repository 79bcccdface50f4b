package org.cloakroom.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.cloakroom.Session;
import org.cloakroom.SessionSummary;
import org.cloakroom.internal.engine.BaseSession;
import org.cloakroom.spi.SessionKeys;
import org.junit.jupiter.api.Test;

/**
 * Finding and ending a user's sessions: engines that index sessions by user ({@code db},
 * {@code cached_db}) list and delete them; the others say plainly that they cannot.
 */
public abstract class SessionsByUserContract extends ConcurrentSavesContract {

    /** Whether the engine under test finds sessions by user. */
    protected boolean findsSessionsByUser() {
        return false;
    }

    /** A session logged in as {@code name}, stored as a login stores it: the key cycled after the puts. */
    protected BaseSession loggedIn(String name) {
        BaseSession s = newSession();
        s.put(Session.AUTH_USER_NAME_KEY, name);
        s.put(Session.AUTH_USER_GROUPS_KEY, List.of("member"));
        s.cycleKey();
        return s;
    }

    private Set<String> idsOf(String principal) {
        return Set.copyOf(engine.sessionsOf(principal).stream().map(SessionSummary::id).toList());
    }

    private static String id(BaseSession s) {
        return SessionKeys.storageId(s.getSessionKey());
    }

    @Test
    void aUsersSessionsAreListedByStorageIdWithTheirExpiryAndNoOneElses() {
        assumeTrue(findsSessionsByUser());
        BaseSession laptop = loggedIn("alice");
        BaseSession phone = loggedIn("alice");
        loggedIn("bob");
        saved("anonymous", true);
        assertEquals(Set.of(id(laptop), id(phone)), idsOf("alice"));
        SessionSummary first = engine.sessionsOf("alice").get(0);
        assertEquals(clock.instant().plusSeconds(settings.expiry().cookieAge()), first.expires());
        assertTrue(!first.current() && !first.id().equals(laptop.getSessionKey()), "an id is never the key");
    }

    @Test
    void anOrdinarySaveKeepsTheSessionListedUnderItsUser() {
        assumeTrue(findsSessionsByUser());
        BaseSession laptop = loggedIn("alice");
        BaseSession next = nextRequest(laptop);
        next.put("cart", List.of("apple"));
        next.save();
        assertEquals(Set.of(id(laptop)), idsOf("alice"));
    }

    @Test
    void anExpiredSessionIsNotListed() {
        assumeTrue(findsSessionsByUser());
        BaseSession old = loggedIn("alice");
        old.setExpiry(60);
        old.save();
        clock.advance(Duration.ofSeconds(61));
        BaseSession fresh = loggedIn("alice");
        assertEquals(Set.of(id(fresh)), idsOf("alice"));
    }

    @Test
    void loggingOutEverywhereElseEndsTheUsersOtherSessionsOnlyAndSaysWhich() {
        assumeTrue(findsSessionsByUser());
        BaseSession laptop = loggedIn("alice");
        BaseSession phone = loggedIn("alice");
        BaseSession tablet = loggedIn("alice");
        BaseSession bob = loggedIn("bob");
        List<String> ended = engine.deleteSessionsOf("alice", laptop.getSessionKey());
        assertEquals(Set.of(id(phone), id(tablet)), Set.copyOf(ended));
        assertNull(nextRequest(phone).get(Session.AUTH_USER_NAME_KEY));
        assertNull(nextRequest(tablet).get(Session.AUTH_USER_NAME_KEY));
        assertEquals("alice", nextRequest(laptop).get(Session.AUTH_USER_NAME_KEY));
        assertEquals("bob", nextRequest(bob).get(Session.AUTH_USER_NAME_KEY));
        assertEquals(List.of(id(laptop)), engine.deleteSessionsOf("alice", null));
        assertEquals(Set.of(), idsOf("alice"));
    }

    @Test
    void anEngineThatCannotFindSessionsByUserSaysSoAndNamesTheEnginesThatCan() {
        assumeFalse(findsSessionsByUser());
        loggedIn("alice");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> engine.sessionsOf("alice"));
        assertTrue(e.getMessage().contains("db or cached_db"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> engine.deleteSessionsOf("alice", null));
    }
}
