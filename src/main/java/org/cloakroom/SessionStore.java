package org.cloakroom;

/**
 * Sessions outside HTTP requests (Django's "Using sessions out of views"): from a batch job, a
 * message listener, a test. Inject it: {@code @Inject SessionStore store;}. It uses the configured
 * engine.
 */
public interface SessionStore {

    /** A new, empty session, already stored under a fresh key. */
    Session create();

    /** A new session with no key yet; its first {@link Session#save()} stores it under a fresh key. */
    Session newSession();

    /**
     * The session stored under {@code key}, loaded on first use. An unknown, expired or malformed key
     * gives an empty session whose first save issues a fresh key: a key is never adopted.
     */
    Session load(String key);

    /** Whether a session is stored under {@code key}. */
    boolean exists(String key);

    /** Deletes the session stored under {@code key}, if any. */
    void delete(String key);

    /** Removes expired sessions and returns how many (Django's {@code clearsessions}). */
    long clearExpired();
}
