package org.cloakroom.config;

/**
 * What the {@code file} engine needs.
 *
 * @param path       {@code SESSION_FILE_PATH}, or null for {@code java.io.tmpdir}
 * @param cookieName {@code SESSION_COOKIE_NAME}, which prefixes the files' names (as in Django), so
 *                   that two applications sharing a directory keep apart
 */
public record FileSettings(String path, String cookieName) {

    /** The directory the sessions go to: {@code path}, or {@code java.io.tmpdir} when it is unset. */
    public String directory() {
        return path != null ? path : System.getProperty("java.io.tmpdir");
    }
}
