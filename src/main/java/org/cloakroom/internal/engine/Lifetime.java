package org.cloakroom.internal.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.cloakroom.Session;
import org.cloakroom.config.ExpirySettings;

/**
 * The lifetime rules beyond Django's, both off by default: a session that is only read is saved
 * again, to extend its expiry, at most once per refresh interval ({@code SESSION_REFRESH_ON_READ});
 * and no session outlives {@code SESSION_ABSOLUTE_AGE} from its creation, whatever its activity,
 * {@code setExpiry} and refreshes. The times live in the session's data, as epoch seconds under
 * {@link Session#CREATED_KEY} and {@link Session#SAVED_KEY}, so every engine keeps them.
 */
final class Lifetime {

    private final ExpirySettings settings;
    private final Clock clock;

    Lifetime(ExpirySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Records in {@code data} what a save now must carry: the creation time (once) and the save time. */
    void stamp(Map<String, Object> data) {
        if (settings.absoluteAge() > 0 && !(data.get(Session.CREATED_KEY) instanceof Number)) {
            data.put(Session.CREATED_KEY, now().getEpochSecond());
        }
        if (settings.refreshOnRead()) {
            data.put(Session.SAVED_KEY, now().getEpochSecond());
        }
    }

    /**
     * When the session must end at the latest, or null without an absolute age. A session not yet
     * stamped with its creation time (new, or saved before the setting was configured) is created
     * by its next save, so it counts from now.
     */
    Instant end(Map<String, ?> data) {
        if (settings.absoluteAge() == 0) {
            return null;
        }
        Instant created = data.get(Session.CREATED_KEY) instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : now();
        return created.plusSeconds(settings.absoluteAge());
    }

    /** Whether the session has outlived {@code SESSION_ABSOLUTE_AGE}; nothing to compute without it. */
    boolean ended(Map<String, ?> data) {
        Instant end = end(data);
        return end != null && !end.isAfter(now());
    }

    private Instant now() {
        return Instant.now(clock);
    }

    /** {@code expiry}, or the absolute end if that comes first. */
    Instant cap(Instant expiry, Map<String, ?> data) {
        Instant end = end(data);
        return end != null && end.isBefore(expiry) ? end : expiry;
    }

    /** {@code age} seconds from {@code from}, or fewer if the absolute end comes first (never below 0). */
    long cap(long age, Instant from, Map<String, ?> data) {
        Instant end = end(data);
        return end == null ? age : Math.max(0, Math.min(age, end.getEpochSecond() - from.getEpochSecond()));
    }

    /**
     * Whether a request that only read the session should save it to extend its life: refreshing
     * is on, the expiry is an age (a fixed date does not move), and at least the refresh interval
     * (or half the session's age, if that is shorter) has passed since the last save.
     *
     * @param expiry the stored {@link Session#EXPIRY_KEY} value
     * @param age    the session's expiry age in seconds
     */
    boolean refreshDue(Map<String, ?> data, Object expiry, long age, Instant now) {
        if (!settings.refreshOnRead() || !(expiry == null || expiry instanceof Number)) {
            return false;
        }
        if (!(data.get(Session.SAVED_KEY) instanceof Number saved)) {
            // Saved before refreshing was turned on: once now, and then by the interval.
            return true;
        }
        long interval = Math.min(settings.effectiveRefreshInterval(), Math.max(1, age / 2));
        return now.getEpochSecond() - saved.longValue() >= interval;
    }
}
