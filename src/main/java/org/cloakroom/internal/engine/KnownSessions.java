package org.cloakroom.internal.engine;

import java.util.Map;
import org.cloakroom.codec.SessionCodec;
import org.cloakroom.spi.SessionKeys;

/**
 * The decoded content of the sessions this process last loaded or saved, by key and encoding,
 * so that the next request of the same visitor copies it instead of decoding it again (what
 * {@code HttpSession} saves by keeping live objects). Only ever consulted with the encoding just
 * read from the store, so it can never hand out stale data: when another node or request saved
 * since, the encoding differs and the session is decoded as usual.
 *
 * <p>Bounded: {@value #SLOTS} slots, picked by the key's hash (a newer session takes the slot
 * of an older one), and only encodings up to {@value #MAX_ENCODED_LENGTH} characters: 1.4 MB for
 * sessions of 187 characters, 15 MB at worst (decoded, a tiny string takes some fourteen times the
 * characters it is stored as), as {@code KnownSessionsFootprint} in the tests measures. Content
 * with application objects or enums is never kept (only decoding makes those, in the
 * application's class loader). Slots are written without locks: an entry is immutable, and a lost
 * race costs a decode, nothing else. The keys held here are as secret as the cookies; they stay in
 * this heap, like the container's own session ids.
 */
final class KnownSessions {

    static final int SLOTS = 1024;
    static final int MAX_ENCODED_LENGTH = 1024;

    private static final KnownSessions SHARED = new KnownSessions();

    /** {@code content} is never handed out itself: only copies of it. */
    private record Known(String key, String encoded, Map<String, Object> content) {
    }

    private final Known[] slots = new Known[SLOTS];

    /** A store of its own (tests); the sessions use {@link #shared()}. */
    KnownSessions() {
    }

    /** One per class loader, that is per application. */
    static KnownSessions shared() {
        return SHARED;
    }

    /** A copy of the content stored as {@code encoded} under {@code key}, the caller's own; null if unknown. */
    Map<String, Object> copy(String key, String encoded, SessionCodec codec) {
        Known known = slots[slot(key, SLOTS)];
        // The key first: only this session's own encoding is ever compared with another.
        if (known == null || !SessionKeys.sameKey(known.key, key) || !known.encoded.equals(encoded)) {
            return null;
        }
        return codec.copyAsDecoded(known.content);
    }

    /** Remembers that {@code key} holds {@code content}, encoded as {@code encoded}, if it can be kept. */
    void remember(String key, String encoded, Map<String, ?> content, SessionCodec codec) {
        if (key == null || encoded.length() > MAX_ENCODED_LENGTH) {
            return;
        }
        Map<String, Object> kept = codec.copyAsDecoded(content);
        int slot = slot(key, SLOTS);
        if (kept == null) {
            Known known = slots[slot];
            if (known != null && SessionKeys.sameKey(known.key, key)) {
                // What that slot knew of this session is outdated.
                slots[slot] = null;
            }
            return;
        }
        slots[slot] = new Known(key, encoded, kept);
    }

    /**
     * One of {@code slots} (a power of two) for {@code key}, from its last characters: a signed
     * cookie's value ends with its signature, as random as a key.
     */
    static int slot(String key, int slots) {
        int h = 0;
        for (int i = Math.max(0, key.length() - SessionKeys.LENGTH); i < key.length(); i++) {
            h = 31 * h + key.charAt(i);
        }
        return (h ^ (h >>> 16)) & (slots - 1);
    }
}
