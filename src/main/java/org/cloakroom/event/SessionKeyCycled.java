package org.cloakroom.event;

/**
 * The session moved to a new key ({@code cycleKey()}, a login); the former key's session was deleted.
 *
 * @param formerId the former key's storage id
 * @param id       the new key's storage id
 */
public record SessionKeyCycled(String formerId, String id) {
}
