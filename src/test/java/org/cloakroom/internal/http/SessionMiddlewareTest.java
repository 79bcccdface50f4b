package org.cloakroom.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cloakroom.config.Setting;
import org.cloakroom.contract.DatabaseEngineFixture;
import org.cloakroom.internal.engine.BaseSession;
import org.cloakroom.internal.http.SessionMiddleware.Outcome;
import org.cloakroom.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** Django's middleware rules: when the session is saved, which cookie goes out, when it varies. */
class SessionMiddlewareTest extends DatabaseEngineFixture {

    private static final Pattern KEY = Pattern.compile("^sessionid=([a-z0-9]{32});");

    private Outcome finish(BaseSession s, boolean cookie, int status) {
        return new SessionMiddleware(settings).finish(s, cookie, status);
    }

    private static String key(Outcome o) {
        Matcher m = KEY.matcher(o.setCookie());
        assertTrue(m.find(), o.setCookie());
        return m.group(1);
    }

    private String storedKey() {
        BaseSession s = newSession();
        s.put("a", 1);
        return key(finish(s, false, 200));
    }

    @Test
    void aRequestThatNeverTouchesTheSessionSendsNothing() {
        assertEquals(new Outcome(null, false, 0), new SessionMiddleware(settings).untouched(false));
        BaseSession s = session(storedKey());
        assertEquals(new Outcome(null, false, 0), finish(s, true, 200));
    }

    @Test
    void aMalformedCookieIsDeletedEvenWhenTheSessionIsUntouched() {
        Outcome o = new SessionMiddleware(settings).untouched(true);
        assertTrue(o.setCookie().startsWith("sessionid=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT"), o.setCookie());
        assertTrue(o.varyCookie());
    }

    @Test
    void aNewSessionWithDataSetsACookieWithEveryAttribute() {
        BaseSession s = newSession();
        s.put("has_commented", true);
        Outcome o = finish(s, false, 200);
        assertTrue(o.varyCookie());
        assertTrue(o.setCookie().matches("sessionid=[a-z0-9]{32}; Max-Age=1209600; Expires=\\w{3}, \\d{2} \\w{3} \\d{4} "
                + "\\d{2}:\\d{2}:\\d{2} GMT; Path=/; HttpOnly; SameSite=Lax"), o.setCookie());
        assertEquals(true, session(key(o)).get("has_commented"));
    }

    @Test
    void cookieAttributesFollowTheSettings() {
        configure(b -> b.set(Setting.SESSION_COOKIE_NAME, "sid").set(Setting.SESSION_COOKIE_DOMAIN, ".example.com")
                .set(Setting.SESSION_COOKIE_PATH, "/app").set(Setting.SESSION_COOKIE_SECURE, true)
                .set(Setting.SESSION_COOKIE_HTTPONLY, false).set(Setting.SESSION_COOKIE_SAMESITE, "None")
                .set(Setting.SESSION_COOKIE_AGE, 60));
        BaseSession s = newSession();
        s.put("a", 1);
        String cookie = finish(s, false, 200).setCookie();
        assertTrue(cookie.matches("sid=[a-z0-9]{32}; Max-Age=60; Expires=[^;]+; Domain=.example.com; Path=/app; Secure; SameSite=None"),
                cookie);
    }

    @Test
    void aBrowserLengthSessionHasNoMaxAgeOrExpires() {
        configure(b -> b.set(Setting.SESSION_EXPIRE_AT_BROWSER_CLOSE, true));
        BaseSession s = newSession();
        s.put("a", 1);
        assertTrue(finish(s, false, 200).setCookie().matches("sessionid=[a-z0-9]{32}; Path=/; HttpOnly; SameSite=Lax"));
        configure(b -> b);
        BaseSession perSession = newSession();
        perSession.setExpiry(0);
        assertFalse(finish(perSession, false, 200).setCookie().contains("Max-Age"));
    }

    @Test
    void onlyReadingVariesByCookieButSendsNoCookieAndSavesNothing() {
        String key = storedKey();
        BaseSession s = session(key);
        s.get("a");
        int calls = engine.calls();
        assertEquals(new Outcome(null, true, 0), finish(s, true, 200));
        assertEquals(calls, engine.calls());
    }

    @Test
    void aRefreshingReadSendsTheCookieAgainWithAFreshMaxAgeAndANonRefreshingOneSendsNothing() {
        configure(b -> b.set(Setting.SESSION_COOKIE_AGE, 1000).set(Setting.SESSION_REFRESH_ON_READ, true));
        String key = storedKey();
        clock.advance(Duration.ofSeconds(99));
        BaseSession early = session(key);
        early.get("a");
        assertEquals(new Outcome(null, true, 0), finish(early, true, 200));
        clock.advance(Duration.ofSeconds(1));
        BaseSession due = session(key);
        due.get("a");
        Outcome o = finish(due, true, 200);
        assertTrue(o.setCookie().startsWith("sessionid=" + key + "; Max-Age=1000;"), o.setCookie());
    }

    @Test
    void theCookieNeverOutlivesTheAbsoluteAge() {
        configure(b -> b.set(Setting.SESSION_ABSOLUTE_AGE, 3600));
        BaseSession s = newSession();
        s.put("a", 1);
        assertTrue(finish(s, false, 200).setCookie().contains("; Max-Age=3600;"));
        clock.advance(Duration.ofSeconds(600));
        BaseSession later = session(s.getSessionKey());
        later.put("b", 2);
        assertTrue(finish(later, true, 200).setCookie().contains("; Max-Age=3000;"));
        clock.advance(Duration.ofSeconds(3000));
        BaseSession ended = session(s.getSessionKey());
        ended.get("a");
        assertTrue(finish(ended, true, 200).setCookie().startsWith("sessionid=; Max-Age=0"), "deleted as an expired one");
    }

    @Test
    void flushDeletesTheCookieAndTheRow() {
        String key = storedKey();
        BaseSession s = session(key);
        s.flush();
        Outcome o = finish(s, true, 200);
        assertTrue(o.setCookie().startsWith("sessionid=; Max-Age=0"));
        assertTrue(o.varyCookie());
        assertFalse(engine.exists(key));
    }

    @Test
    void flushWithoutACookieSendsNoCookie() {
        BaseSession s = newSession();
        s.flush();
        assertEquals(new Outcome(null, true, 0), finish(s, false, 200));
    }

    @Test
    void anUnknownKeyThatIsReadGetsItsCookieDeleted() {
        BaseSession s = session(engine.newKey());
        s.get("a");
        assertTrue(finish(s, true, 200).setCookie().startsWith("sessionid=; Max-Age=0"));
    }

    @Test
    void aSessionWhoseLastItemWasRemovedKeepsItsKey() {
        String key = storedKey();
        BaseSession s = session(key);
        s.remove("a");
        assertEquals(key, key(finish(s, true, 200)));
        assertTrue(session(key).isEmpty());
        assertTrue(engine.exists(key));
    }

    @Test
    void aServerErrorSavesNothingAndSendsNoCookie() {
        for (int status : new int[] {500, 502, 503}) {
            BaseSession s = newSession();
            s.put("failed", true);
            Outcome o = finish(s, false, status);
            assertNull(o.setCookie());
            assertNull(s.getSessionKey());
        }
    }

    @Test
    void saveEveryRequestResendsTheCookieAndRefreshesTheExpiry() {
        configure(b -> b.set(Setting.SESSION_SAVE_EVERY_REQUEST, true).set(Setting.SESSION_COOKIE_AGE, 100));
        String key = storedKey();
        clock.advance(Duration.ofSeconds(60));
        BaseSession untouched = session(key);
        Outcome o = finish(untouched, true, 200);
        assertEquals(key, key(o));
        assertFalse(o.varyCookie(), "Django captures accessed before the save loads the session");
        clock.advance(Duration.ofSeconds(60));
        assertEquals(1, session(key).get("a"), "the save refreshed the expiry");
    }

    @Test
    void saveEveryRequestCreatesNothingForAStaleCookie() {
        configure(b -> b.set(Setting.SESSION_SAVE_EVERY_REQUEST, true));
        String stale = engine.newKey();
        Outcome o = finish(session(stale), true, 200);
        assertTrue(o.setCookie().startsWith("sessionid=; Max-Age=0"), o.setCookie());
        assertEquals(0, TestDatabase.execute("delete from cloakroom_session"));
    }

    @Test
    void saveEveryRequestCreatesNoEmptySession() {
        configure(b -> b.set(Setting.SESSION_SAVE_EVERY_REQUEST, true));
        assertEquals(new Outcome(null, false, 0), finish(newSession(), false, 200));
    }

    @Test
    void aSessionDeletedByAConcurrentRequestAnswers400() {
        String key = storedKey();
        BaseSession slow = session(key);
        slow.get("a");
        BaseSession logout = session(key);
        logout.flush();
        finish(logout, true, 200);
        slow.put("b", 2);
        Outcome o = finish(slow, true, 200);
        assertEquals(SessionMiddleware.INTERRUPTED, o.refusal());
        assertNull(o.setCookie());
        assertFalse(engine.exists(key));
    }

    @Test
    void cycleKeySendsTheNewKey() {
        String key = storedKey();
        BaseSession s = session(key);
        s.cycleKey();
        String next = key(finish(s, true, 200));
        assertNotEquals(key, next);
        assertEquals(1, session(next).get("a"));
    }

    @Test
    void aNestedChangeIsSavedAtTheEndOfTheRequest() {
        BaseSession s = newSession();
        s.put("cart", new java.util.ArrayList<>(java.util.List.of("apple")));
        String key = key(finish(s, false, 200));
        BaseSession next = session(key);
        @SuppressWarnings("unchecked")
        java.util.List<Object> cart = (java.util.List<Object>) next.get("cart");
        cart.add("pear");
        assertEquals(key, key(finish(next, true, 200)));
        assertEquals(java.util.List.of("apple", "pear"), session(key).get("cart"));
    }
}
