package org.cloakroom.engine;

/**
 * Told by {@link BaseSession} of what it did to the stored session, after the engine did it: the
 * CDI layer turns these into events. Every method does nothing by default.
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
}
