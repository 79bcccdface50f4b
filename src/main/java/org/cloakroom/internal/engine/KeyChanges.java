package org.cloakroom.internal.engine;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The changes a {@link TrackedMap} made to its content: how many (so a session can tell that
 * something changed since it last looked) and to which keys (so a save that lost a race can re-apply
 * exactly these keys on top of what another request stored).
 */
final class KeyChanges {

    private long count;
    /** Null until the first change: most requests change nothing. */
    private Set<String> keys;

    long count() {
        return count;
    }

    /** Records a change of {@code key} if {@code changed}, and returns it. */
    boolean record(Object key, boolean changed) {
        if (changed) {
            count++;
            keys().add((String) key);
        }
        return changed;
    }

    /** Records one change that touched all of {@code changedKeys} (a clear). */
    void recordAll(Collection<String> changedKeys) {
        count++;
        keys().addAll(changedKeys);
    }

    /** The keys changed so far, in the order first changed; a live view. */
    Set<String> keys() {
        if (keys == null) {
            keys = new LinkedHashSet<>();
        }
        return keys;
    }
}
