package org.cloakroom.internal.engine;

/**
 * Told by {@link BaseSession} of what it did to the stored session, after the engine did it, and
 * of the cookies and data it refused: the CDI layer turns these into events and metrics. Every
 * method does nothing by default.
 */
public interface SessionListener {

    /** Listens to nothing: what a session has when nobody observes events. */
    SessionListener NONE = new SessionListener() {
    };

    /** A session was stored for the first time, under {@code key}. */
    default void created(String key) {
    }

    /** The session moved from {@code formerKey} (now deleted) to {@code key}. */
    default void cycled(String formerKey, String key) {
    }

    /** The session stored under {@code key} was deleted. */
    default void deleted(String key) {
    }

    /** A cookie held a value this engine could not have issued: it was treated as no session. */
    default void cookieRejected() {
    }

    /** A well-formed key named no stored session (expired, deleted, or forged): a new one will be issued. */
    default void keyUnknown() {
    }

    /** Stored data did not decode: the session started empty. */
    default void dataCorrupt() {
    }

    /**
     * The end-of-request save was refused with {@code status}: 400, the session was deleted by
     * another request; 409, concurrent saves kept winning.
     */
    default void saveRefused(int status) {
    }

    /** Tells {@code first}, then {@code second}; either may be {@link #NONE}. */
    static SessionListener both(SessionListener first, SessionListener second) {
        if (second == NONE) {
            return first;
        }
        if (first == NONE) {
            return second;
        }
        return new SessionListener() {
            @Override public void created(String key) { first.created(key); second.created(key); }
            @Override public void cycled(String formerKey, String key) { first.cycled(formerKey, key); second.cycled(formerKey, key); }
            @Override public void deleted(String key) { first.deleted(key); second.deleted(key); }
            @Override public void cookieRejected() { first.cookieRejected(); second.cookieRejected(); }
            @Override public void keyUnknown() { first.keyUnknown(); second.keyUnknown(); }
            @Override public void dataCorrupt() { first.dataCorrupt(); second.dataCorrupt(); }
            @Override public void saveRefused(int status) { first.saveRefused(status); second.saveRefused(status); }
        };
    }
}
