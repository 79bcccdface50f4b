package org.cloakroom.ops;

import java.util.Map;

/**
 * Cloakroom's sessions in JMX, as {@code org.cloakroom:type=Sessions,application="<module name>"}:
 * every metric by name, the live count, and the admin operations.
 */
public interface SessionsMXBean {

    /** The {@code SESSION_ENGINE} value. */
    String getEngine();

    /** Every counter and gauge, by its exported name ({@code cloakroom.sessions.creations}...). */
    Map<String, Double> getMetrics();

    /** Unexpired sessions, counted now; -1 when the engine cannot count them. */
    long getLiveSessions();

    /** The session stored under {@code key}, as JSON; an empty string if there is none. */
    String inspectSession(String key);

    /** Deletes the session stored under {@code key}: whether there was one. */
    boolean deleteSession(String key);

    /** Ends every session of a user: how many. */
    int deleteSessionsOf(String principal);

    /** Runs the expired-session cleanup now: how many it removed. */
    long clearExpiredNow();
}
