package org.cloakroom.config;

import java.util.List;

/**
 * The {@code SESSION_ENGINE} values of the engines that ship with Cloakroom, which are Django's
 * backend names. The engines' qualifiers, the settings check and the engine selection all read
 * them from here, so a name cannot be accepted by one and unknown to another.
 */
public final class EngineNames {

    /** The database engine. */
    public static final String DB = "db";
    /** The JCache engine. */
    public static final String CACHE = "cache";
    /** The database engine with a JCache cache in front. */
    public static final String CACHED_DB = "cached_db";
    /** One file per session. */
    public static final String FILE = "file";
    /** The data in a signed cookie, nothing on the server. */
    public static final String SIGNED_COOKIES = "signed_cookies";

    /** Every built-in name, in the order messages list them. */
    public static final List<String> ALL = List.of(DB, CACHE, CACHED_DB, FILE, SIGNED_COOKIES);

    private EngineNames() {
    }
}
