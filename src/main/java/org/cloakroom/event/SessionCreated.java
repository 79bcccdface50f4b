package org.cloakroom.event;

/**
 * A session was stored for the first time under a new key ({@code cycleKey()} fires
 * {@link SessionKeyCycled} instead).
 *
 * @param id the key's storage id
 */
public record SessionCreated(String id) {
}
