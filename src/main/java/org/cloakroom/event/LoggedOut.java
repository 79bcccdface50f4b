package org.cloakroom.event;

/**
 * {@code request.logout()} flushed the session.
 *
 * @param principal the caller the session remembered, or null
 * @param id        the flushed key's storage id, or null if the session was never stored
 */
public record LoggedOut(String principal, String id) {
}
