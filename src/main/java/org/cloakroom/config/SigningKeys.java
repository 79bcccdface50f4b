package org.cloakroom.config;

import java.util.List;

/**
 * The keys that sign what leaves the server (signed-cookie sessions, login fingerprints).
 *
 * @param secretKey {@code SECRET_KEY}: signs, and verifies
 * @param fallbacks {@code SECRET_KEY_FALLBACKS}: verify only, so that rotating the key logs nobody out
 */
public record SigningKeys(String secretKey, List<String> fallbacks) {

    public SigningKeys {
        fallbacks = List.copyOf(fallbacks);
    }

    /** Never shows a key: settings objects end up in logs. */
    @Override
    public String toString() {
        return "SigningKeys[secretKey=" + (secretKey.isEmpty() ? "" : "<hidden>") + ", fallbacks=<" + fallbacks.size() + " hidden>]";
    }
}
