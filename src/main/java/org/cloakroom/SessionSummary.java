package org.cloakroom;

import java.time.Instant;

/**
 * One stored session of a user, as {@link SessionStore#sessionsOf} lists it: enough to show a
 * "your sessions" page, nothing that would let anyone use the session.
 *
 * @param id      the key's storage id (a hash of it): stable for the key's lifetime, safe to show,
 *                never usable as a cookie
 * @param expires when the session expires unless it is used again
 * @param current whether it is the session the listing was asked for with
 */
public record SessionSummary(String id, Instant expires, boolean current) {
}
