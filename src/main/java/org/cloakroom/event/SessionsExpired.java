package org.cloakroom.event;

import java.util.List;

/**
 * The cleanup removed a batch of expired sessions ({@code db} and {@code cached_db}): one event per
 * batch, after the batch's transaction committed. Other engines' storage expires by itself and
 * fires none.
 *
 * @param sessions the removed sessions
 */
public record SessionsExpired(List<Expired> sessions) {

    /** @param sessions the removed sessions, copied */
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
