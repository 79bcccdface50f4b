package org.cloakroom.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.cloakroom.Session;
import org.cloakroom.contract.DatabaseEngineFixture;
import org.cloakroom.internal.engine.BaseSession;
import org.cloakroom.internal.http.SessionMiddleware;
import org.cloakroom.testing.SqlCounter;
import org.junit.jupiter.api.Test;

/** The SQL a login, an authenticated request and a logout cost with the {@code db} engine, statement by statement. */
class LoginStatementsTest extends DatabaseEngineFixture {

    private final SessionLogin login = new SessionLogin("a-secret-key-long-enough-for-the-tests-0123456789", List.of(),
            name -> "stamp-of-" + name);

    /** Runs {@code work} and the end of its request (the middleware), counting the statements of both. */
    private void request(BaseSession s, boolean cookie, Runnable work) {
        SqlCounter.reset();
        work.run();
        new SessionMiddleware(settings).finish(s, cookie, 200);
    }

    private void assertStatements(long select, long insert, long update, long delete) {
        String all = String.join("\n", SqlCounter.statements());
        assertEquals(List.of(select, insert, update, delete), List.of(SqlCounter.count("select"), SqlCounter.count("insert"),
                SqlCounter.count("update"), SqlCounter.count("delete")), all);
        assertEquals(select + insert + update + delete, SqlCounter.total(), all);
    }

    private String loggedIn() {
        BaseSession s = newSession();
        assertTrue(login.remember(s, "alice", Set.of("member")));
        return s.getSessionKey();
    }

    /**
     * The load, then cycleKey's second read (what concurrent requests saved meanwhile goes to the new
     * key too), the new key's row and the old key's deletion.
     */
    @Test
    void aLoginOfAVisitorWithASessionReadsItTwiceInsertsTheNewKeyAndDeletesTheOldOne() {
        BaseSession visit = newSession();
        visit.put("cart", "apple");
        visit.save();
        BaseSession s = session(visit.getSessionKey());
        request(s, true, () -> login.remember(s, "alice", Set.of("member")));
        assertStatements(2, 1, 0, 1);
    }

    @Test
    void aLoginWithoutASessionIsOneInsert() {
        BaseSession s = newSession();
        request(s, false, () -> login.remember(s, "alice", Set.of("member")));
        assertStatements(0, 1, 0, 0);
    }

    @Test
    void anAuthenticatedRequestThatReadsIsOneSelect() {
        BaseSession s = session(loggedIn());
        request(s, true, () -> {
            assertEquals("alice", login.remembered(s).name());
            s.get("cart");
        });
        assertStatements(1, 0, 0, 0);
    }

    @Test
    void aLogoutIsTheReadAndOneDelete() {
        BaseSession s = session(loggedIn());
        request(s, true, () -> {
            s.get(Session.AUTH_USER_NAME_KEY);
            s.flush();
        });
        assertStatements(1, 0, 0, 1);
    }
}
