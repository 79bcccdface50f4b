package org.cloakroom.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.cloakroom.Session;
import org.cloakroom.codec.SessionCodec;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.internal.engine.BaseSession;
import org.cloakroom.testing.InMemoryEngine;
import org.junit.jupiter.api.Test;

/** The login rules on a plain session: what a login stores, and what brings the caller back. */
class SessionLoginTest {

    private final SessionSettings settings = SessionSettings.defaults();
    private final InMemoryEngine engine = new InMemoryEngine(settings);
    private final SessionCodec codec = SessionCodec.defaults();
    private final Map<String, String> passwords = new HashMap<>(Map.of("alice", "hash-1"));
    private final SessionLogin login = new SessionLogin("secret", List.of(), passwords::get);

    private BaseSession session(String key) {
        return new BaseSession(engine, codec, settings.expiry(), settings.clock(), key);
    }

    private BaseSession loggedInAlice() {
        BaseSession s = session(null);
        s.put("cart", "apple");
        s.save();
        login.remember(s, "alice", Set.of("member", "admin"));
        return s;
    }

    @Test
    void aLoginStoresTheCallerAndTheirGroupsUnderANewKeyAndKeepsTheVisitorsData() {
        BaseSession before = session(null);
        before.put("cart", "apple");
        before.save();
        String plantedKey = before.getSessionKey();
        login.remember(before, "alice", Set.of("member", "admin"));
        assertNotEquals(plantedKey, before.getSessionKey(), "the key cycles: a planted key is worth nothing");
        assertTrue(engine.load(plantedKey).isEmpty(), "the former key's session is gone");
        BaseSession next = session(before.getSessionKey());
        assertEquals(new SessionLogin.Caller("alice", Set.of("admin", "member")), login.remembered(next));
        assertEquals("apple", next.get("cart"));
    }

    @Test
    void theStoredHashRevealsNeitherTheFingerprintNorMatchesWithAnotherSecret() {
        BaseSession s = loggedInAlice();
        String stored = (String) session(s.getSessionKey()).get(Session.AUTH_USER_HASH_KEY);
        assertNotNull(stored);
        assertTrue(!stored.contains("hash-1") && stored.matches("[0-9a-f]{64}"), stored);
        SessionLogin otherSecret = new SessionLogin("another secret", List.of(), passwords::get);
        assertNull(otherSecret.remembered(session(s.getSessionKey())));
    }

    @Test
    void aChangedCredentialLogsTheSessionOutAndFlushesIt() {
        BaseSession s = loggedInAlice();
        passwords.put("alice", "hash-2");
        BaseSession next = session(s.getSessionKey());
        assertNull(login.remembered(next));
        assertTrue(next.isEmpty());
        assertTrue(engine.load(s.getSessionKey()).isEmpty(), "the stored session is deleted");
    }

    @Test
    void rotatingTheSecretKeyWithTheOldOneAsFallbackKeepsEveryLogin() {
        BaseSession s = loggedInAlice();
        SessionLogin rotated = new SessionLogin("new secret", List.of("secret"), passwords::get);
        assertEquals("alice", rotated.remembered(session(s.getSessionKey())).name());
        SessionLogin dropped = new SessionLogin("new secret", List.of(), passwords::get);
        assertNull(dropped.remembered(session(s.getSessionKey())), "once the old key is dropped, its logins end");
    }

    @Test
    void aLoginOfACallerTheFingerprintDoesNotKnowIsRefusedAndLeavesTheSessionAlone() {
        BaseSession s = session(null);
        s.put("cart", "apple");
        s.save();
        String key = s.getSessionKey();
        assertFalse(login.remember(s, "mallory", Set.of()));
        assertEquals(key, s.getSessionKey());
        assertNull(session(key).get(Session.AUTH_USER_NAME_KEY));
    }

    @Test
    void aCallerWhoNoLongerExistsIsLoggedOut() {
        BaseSession s = loggedInAlice();
        passwords.remove("alice");
        assertNull(login.remembered(session(s.getSessionKey())));
    }

    @Test
    void withoutAFingerprintALoginIsNotTiedToCredentials() {
        SessionLogin untied = new SessionLogin("", List.of(), null);
        BaseSession s = session(null);
        untied.remember(s, "alice", Set.of());
        assertNull(s.get(Session.AUTH_USER_HASH_KEY));
        assertEquals(new SessionLogin.Caller("alice", Set.of()), untied.remembered(session(s.getSessionKey())));
    }

    @Test
    void loggingInAsSomeoneElseStartsFromAnEmptySession() {
        BaseSession s = loggedInAlice();
        passwords.put("bob", "hash-b");
        BaseSession next = session(s.getSessionKey());
        login.remember(next, "bob", Set.of());
        assertNull(next.get("cart"), "nothing of alice's carries over");
        assertEquals("bob", session(next.getSessionKey()).get(Session.AUTH_USER_NAME_KEY));
    }

    @Test
    void aSessionWhoseGroupsDoNotDecodeIsAnonymousAndLoggedAsSuspicious() {
        BaseSession s = loggedInAlice();
        BaseSession next = session(s.getSessionKey());
        next.put(Session.AUTH_USER_GROUPS_KEY, List.of(1, 2));
        next.save();
        List<LogRecord> logged = new java.util.ArrayList<>();
        Logger suspicious = Logger.getLogger("org.cloakroom.security.SuspiciousSession");
        Handler handler = new Handler() {
            @Override public void publish(LogRecord r) { logged.add(r); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        suspicious.addHandler(handler);
        try {
            assertNull(login.remembered(session(s.getSessionKey())));
        } finally {
            suspicious.removeHandler(handler);
        }
        assertEquals(1, logged.size());
    }

    @Test
    void anAnonymousSessionRemembersNoOne() {
        BaseSession s = session(null);
        s.put("cart", "apple");
        s.save();
        assertNull(login.remembered(session(s.getSessionKey())));
    }
}
