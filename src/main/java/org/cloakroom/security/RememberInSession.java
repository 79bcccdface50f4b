package org.cloakroom.security;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Put on an application's {@code HttpAuthenticationMechanism} (a CDI bean), instead of
 * {@code @AutoApplySession}: the caller it authenticates is remembered in the Cloakroom session,
 * so the login holds on every node sharing the session store (Django's {@code auth.login()}).
 *
 * <ul>
 * <li>After the mechanism authenticates a caller, their name and groups go into the session
 *     ({@link org.cloakroom.Session#AUTH_USER_NAME_KEY}, {@link org.cloakroom.Session#AUTH_USER_GROUPS_KEY})
 *     and the session key is cycled, so a key planted before the login is worth nothing. A session
 *     of another caller is flushed first.</li>
 * <li>On later requests the caller is re-established from the session, without calling the
 *     mechanism or the identity store; if a {@link CallerFingerprint} bean exists and the
 *     caller's fingerprint changed since the login, the session is flushed and the request is
 *     anonymous.</li>
 * <li>{@code HttpServletRequest.logout()} flushes the session: the row and the cookie go.</li>
 * </ul>
 * With {@code SESSION_ENGINE=signed_cookies} the name and groups travel in the signed cookie: the
 * visitor can read them (not change them), and a logout cannot end copies of the cookie kept elsewhere.
 */
@InterceptorBinding
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RememberInSession {
}
