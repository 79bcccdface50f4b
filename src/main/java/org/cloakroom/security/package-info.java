/**
 * Logging in with Jakarta Security, remembered in the Cloakroom session rather than in the
 * container's {@code HttpSession}, so that a caller stays logged in on every node that shares the
 * session store: {@link org.cloakroom.security.RememberInSession} on the application's
 * {@code HttpAuthenticationMechanism}, and {@link org.cloakroom.security.CallerFingerprint} to log
 * a caller out everywhere when their credentials change. Sits on top: it uses the API, the
 * session rules and the HTTP filter's handshake.
 */
package org.cloakroom.security;
