package org.cloakroom.event;

/**
 * A stored session was deleted: {@code flush()}, a logout, {@code SessionStore.delete}, or a
 * user's sessions ended ({@code SessionStore.deleteSessionsOf}, one event per session).
 *
 * @param id the key's storage id
 */
public record SessionDeleted(String id) {
}
