package org.cloakroom.spi;

import java.util.Objects;

/**
 * What an engine found under a key: the encoded data, and the version a later
 * {@link SessionEngine#replace compare-and-set} checks is still there. The version means something
 * only to the engine that gave it: a row version, the raw cache entry, the data itself.
 *
 * @param data    the encoded session data
 * @param version the engine's token for this state of the session; never null
 */
public record Loaded(String data, Object version) {

    /**
     * Checks that neither component is null.
     *
     * @param data    the encoded session data
     * @param version the engine's token for this state of the session
     */
    public Loaded {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(version, "version");
    }

    /**
     * For engines that compare the data itself: equal data is the same version.
     *
     * @param data the encoded session data
     * @return a {@code Loaded} whose version is {@code data}
     */
    public static Loaded ofData(String data) {
        return new Loaded(data, data);
    }
}
