package org.cloakroom;

import java.util.List;

/**
 * Sessions outside HTTP requests (Django's "Using sessions out of views"): from a batch job, a
 * message listener, a test. Inject it: {@code @Inject SessionStore store;}. It uses the configured
 * engine.
 */
public interface SessionStore {

    /** {@return a new, empty session, already stored under a fresh key} */
    Session create();

    /** {@return a new session with no key yet} Its first {@link Session#save()} stores it under a fresh key. */
    Session newSession();

    /**
     * The session stored under {@code key}, loaded on first use. An unknown, expired or malformed key
     * gives an empty session whose first save issues a fresh key: a key is never adopted.
     *
     * @param key the session key, as a cookie carries it
     * @return the session, not loaded yet
     */
    Session load(String key);

    /**
     * {@return whether a session is stored under {@code key}}
     *
     * @param key the session key
     */
    boolean exists(String key);

    /**
     * Deletes the session stored under {@code key}, if any.
     *
     * @param key the session key
     */
    void delete(String key);

    /**
     * The live sessions of the caller named {@code principal} (logged in through
     * {@code @RememberInSession}), soonest to expire first. Supported by the {@code db} and
     * {@code cached_db} engines, which index sessions by user.
     *
     * @param current the session to mark {@link SessionSummary#current() current} (the request's), or null
     * @throws UnsupportedOperationException for an engine that cannot find sessions by user
     *         ({@code cache}, {@code file}, {@code signed_cookies})
     */
    default List<SessionSummary> sessionsOf(String principal, Session current) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot find a user's sessions");
    }

    /**
     * Ends every session of the caller named {@code principal} except {@code keep} ("log out
     * everywhere else"); with {@code keep} null, every one of them. Returns how many ended.
     *
     * @throws UnsupportedOperationException as for {@link #sessionsOf}
     */
    default int deleteSessionsOf(String principal, Session keep) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot find a user's sessions");
    }

    /**
     * Removes expired sessions (Django's {@code clearsessions}).
     *
     * @return how many were removed (0 for engines whose storage expires by itself)
     */
    long clearExpired();
}
