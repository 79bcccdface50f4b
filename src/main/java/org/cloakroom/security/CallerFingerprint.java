package org.cloakroom.security;

/**
 * What ties a login to the caller's current credentials (Django's session auth hash): a hash of
 * the stored password hash, or a "security stamp" renewed on every credential change. Provide one
 * as a CDI bean; a keyed hash of it is stored at login, and every later request whose caller's
 * fingerprint no longer matches is logged out, so changing a password ends the caller's other
 * sessions. Without such a bean, logins are not tied to credentials.
 */
public interface CallerFingerprint {

    /**
     * The current fingerprint of the caller named {@code callerName}; null if the caller no longer
     * exists (their sessions are then logged out). Called once per request that carries a login.
     */
    String fingerprint(String callerName);
}
