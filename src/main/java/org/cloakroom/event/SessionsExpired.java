package org.cloakroom.event;

import java.util.List;

/**
 * The cleanup removed a batch of expired sessions ({@code db} and {@code cached_db}: one event per
 * batch, after its transaction committed).
 *
 * @param sessions the removed sessions
 */
public record SessionsExpired(List<Expired> sessions) {

    public SessionsExpired {
        sessions = List.copyOf(sessions);
    }

    /**
     * One removed session.
     *
     * @param id        the key's storage id
     * @param principal the caller it was logged in as, or null
     */
    public record Expired(String id, String principal) {
    }
}
