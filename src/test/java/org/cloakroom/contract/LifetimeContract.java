package org.cloakroom.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.cloakroom.Session;
import org.cloakroom.config.Setting;
import org.cloakroom.internal.engine.BaseSession;
import org.cloakroom.internal.http.SessionMiddleware;
import org.junit.jupiter.api.Test;

/**
 * How long a session lives beyond Django's rule (age counted from the last save): refreshed when
 * only read ({@code SESSION_REFRESH_ON_READ}, at most once per interval) and capped by an absolute
 * age from its creation ({@code SESSION_ABSOLUTE_AGE}). Every engine, signed cookies included.
 */
public abstract class LifetimeContract extends HostileCookiesContract {

    /** One request of a browser holding {@code key}: {@code work} on its session, then the middleware's end. */
    protected BaseSession request(String key, java.util.function.Consumer<BaseSession> work) {
        BaseSession s = session(key);
        work.accept(s);
        SessionMiddleware.Outcome outcome = new SessionMiddleware(settings).finish(s, key != null, 200);
        assertEquals(0, outcome.refusal());
        return s;
    }

    private String created() {
        return request(null, s -> s.put("user", 7)).getSessionKey();
    }

    private void later(long seconds) {
        clock.advance(Duration.ofSeconds(seconds));
    }

    @Test
    void byDefaultAVisitorWhoOnlyReadsIsLoggedOutCookieAgeAfterTheLastSave() {
        configure(b -> b.set(Setting.SESSION_COOKIE_AGE, 1000));
        String key = created();
        for (int i = 0; i < 9; i++) {
            later(100);
            key = request(key, s -> s.get("user")).getSessionKey();
        }
        later(101);
        assertTrue(session(key).isEmpty(), "Django counts the age from the last save");
    }

    @Test
    void withRefreshOnReadAVisitorWhoReadsEveryIntervalKeepsTheSessionPastTheCookieAge() {
        configure(b -> b.set(Setting.SESSION_COOKIE_AGE, 1000).set(Setting.SESSION_REFRESH_ON_READ, true));
        String key = created();
        for (int i = 0; i < 30; i++) {
            later(150);
            key = request(key, s -> s.get("user")).getSessionKey();
        }
        assertEquals(7, session(key).get("user"), "4500 seconds after the last change");
    }

    @Test
    void aReadWithinTheRefreshIntervalWritesNothingAndOneAfterItWritesOnce() {
        configure(b -> b.set(Setting.SESSION_COOKIE_AGE, 1000).set(Setting.SESSION_REFRESH_ON_READ, true)
                .set(Setting.SESSION_REFRESH_INTERVAL, 300));
        String key = created();
        later(299);
        int before = engine.calls();
        key = request(key, s -> s.get("user")).getSessionKey();
        assertEquals(1, engine.calls() - before, "a read that does not refresh only loads");
        later(1);
        before = engine.calls();
        key = request(key, s -> s.get("user")).getSessionKey();
        assertEquals(2, engine.calls() - before, "the refreshing read loads and saves once");
        later(299);
        before = engine.calls();
        request(key, s -> s.get("user"));
        assertEquals(1, engine.calls() - before, "and the interval starts again");
    }

    @Test
    void theDefaultRefreshIntervalIsATenthOfTheCookieAgeAndHalfOfAShorterSessionAge() {
        configure(b -> b.set(Setting.SESSION_COOKIE_AGE, 1000).set(Setting.SESSION_REFRESH_ON_READ, true));
        assertEquals(100, settings.expiry().effectiveRefreshInterval());
        String key = request(null, s -> {
            s.put("user", 7);
            s.setExpiry(60);
        }).getSessionKey();
        for (int i = 0; i < 10; i++) {
            later(40);
            key = request(key, s -> s.get("user")).getSessionKey();
        }
        assertEquals(7, session(key).get("user"), "a 60-second session read every 40 seconds is refreshed every time");
    }

    @Test
    void aFixedExpiryDateIsNotMovedByReads() {
        configure(b -> b.set(Setting.SESSION_COOKIE_AGE, 1000).set(Setting.SESSION_REFRESH_ON_READ, true));
        Instant end = clock.instant().plusSeconds(500);
        String key = request(null, s -> {
            s.put("user", 7);
            s.setExpiry(end);
        }).getSessionKey();
        later(400);
        int before = engine.calls();
        key = request(key, s -> s.get("user")).getSessionKey();
        assertEquals(1, engine.calls() - before);
        later(100);
        assertTrue(session(key).isEmpty());
    }

    @Test
    void theAbsoluteAgeEndsASessionWhateverItsActivity() {
        configure(b -> b.set(Setting.SESSION_COOKIE_AGE, 1000).set(Setting.SESSION_ABSOLUTE_AGE, 500));
        String key = created();
        for (int i = 1; i < 5; i++) {
            later(100);
            int n = i;
            key = request(key, s -> s.put("n", n)).getSessionKey();
            assertEquals(500 - 100 * i, session(key).getExpiryAge(), "the age left shrinks with every save");
        }
        later(100);
        BaseSession ended = session(key);
        assertTrue(ended.isEmpty(), "500 seconds after creation");
        assertNull(ended.getSessionKey(), "and its key is dropped like an expired one's");
    }

    @Test
    void setExpiryCannotOutliveTheAbsoluteAge() {
        configure(b -> b.set(Setting.SESSION_ABSOLUTE_AGE, 500));
        BaseSession s = newSession();
        s.setExpiry(Duration.ofDays(365));
        assertEquals(clock.instant().plusSeconds(500), s.getExpiryDate());
        s.setExpiry(100_000);
        assertEquals(500, s.getExpiryAge());
        s.save();
        later(500);
        assertTrue(nextRequest(s).isEmpty());
    }

    @Test
    void cycleKeyKeepsTheCreationTimeSoALoginDoesNotExtendTheLifetime() {
        configure(b -> b.set(Setting.SESSION_ABSOLUTE_AGE, 500));
        String key = created();
        Object createdAt = session(key).get(Session.CREATED_KEY);
        later(300);
        String cycled = request(key, BaseSession::cycleKey).getSessionKey();
        assertNotEquals(key, cycled);
        assertEquals(createdAt, session(cycled).get(Session.CREATED_KEY));
        later(200);
        assertTrue(session(cycled).isEmpty());
    }

    @Test
    void removingTheCreationTimeBeforeCycleKeyStartsANewLifetime() {
        configure(b -> b.set(Setting.SESSION_ABSOLUTE_AGE, 500));
        String key = created();
        later(300);
        String cycled = request(key, s -> {
            s.remove(Session.CREATED_KEY);
            s.cycleKey();
        }).getSessionKey();
        later(200);
        assertEquals(7, session(cycled).get("user"));
        later(300);
        assertTrue(session(cycled).isEmpty());
    }

    @Test
    void aSessionSavedBeforeTheAbsoluteAgeWasConfiguredCountsFromItsNextSave() throws Exception {
        configure(b -> b.set(Setting.SESSION_ABSOLUTE_AGE, 500));
        // As an earlier deployment without the setting stored it: no creation time.
        String key = engine.save(engine.newKey(), codec.encode(java.util.Map.of("user", 7)),
                clock.instant().plusSeconds(1000), true);
        later(400);
        assertFalse(session(key).isEmpty());
        key = request(key, s -> s.put("n", 1)).getSessionKey();
        later(499);
        assertFalse(session(key).isEmpty());
        later(1);
        assertTrue(session(key).isEmpty());
    }
}
