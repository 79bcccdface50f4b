package org.cloakroom.event;

/**
 * A caller was authenticated and remembered in the session ({@code @RememberInSession}), which
 * now lives under a new key.
 *
 * @param principal the caller's name
 * @param id        the new key's storage id
 */
public record LoggedIn(String principal, String id) {
}
