package org.cloakroom.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Set;
import java.util.logging.Logger;
import org.cloakroom.Session;
import org.cloakroom.SessionUnavailableException;
import org.cloakroom.internal.cdi.SessionEvents;
import org.cloakroom.internal.cdi.SessionServices;
import org.cloakroom.config.SigningKeys;
import org.cloakroom.internal.engine.RequestHandshake;
import org.cloakroom.internal.http.SessionFilter;
import org.cloakroom.internal.http.SessionMiddleware;

/**
 * Weaves {@link RememberInSession} around the application's mechanism: {@code validateRequest}
 * first looks for a caller remembered in the session (the container authenticates before any
 * filter runs, so the session is opened here and the filter adopts it), and
 * {@code cleanSubject} ({@code request.logout()}) flushes the session.
 */
@RememberInSession
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
class RememberInSessionInterceptor {

    private static final Logger REFUSED = Logger.getLogger(RememberInSession.class.getName());

    private final Session session;
    private final String cookieName;
    private final SessionLogin login;
    private final SessionEvents events;

    @Inject
    RememberInSessionInterceptor(Session session, SessionServices services, Instance<CallerFingerprint> fingerprints,
            SessionEvents events) {
        // The settings through the application-scoped services, not as @Dependent groups: those are
        // not passivation capable, and the mechanism this intercepts may be of a passivating scope.
        SigningKeys keys = services.settings().keys();
        this.session = session;
        this.cookieName = services.settings().cookie().name();
        // LoginCheck failed the deployment if there were two.
        this.login = new SessionLogin(keys.secretKey(), keys.fallbacks(),
                fingerprints.isResolvable() ? fingerprints.get() : null);
        this.events = events;
    }

    @AroundInvoke
    Object around(InvocationContext call) throws Exception {
        Object[] args = call.getParameters();
        return switch (call.getMethod().getName()) {
            case "validateRequest" -> validate(call, (HttpServletRequest) args[0], (HttpMessageContext) args[2]);
            case "cleanSubject" -> logout(call, (HttpServletRequest) args[0]);
            default -> call.proceed();
        };
    }

    private Object validate(InvocationContext call, HttpServletRequest request, HttpMessageContext context) throws Exception {
        return inSession(request, handshake -> {
            // No cookie, no login to find: an anonymous request does not touch its session.
            if (!context.isAuthenticationRequest() && handshake.cookieValue() != null) {
                SessionLogin.Caller caller;
                try {
                    caller = login.remembered(session);
                } catch (SessionUnavailableException outage) {
                    // The store is down: a page that needs no login is served anonymously (a static
                    // file, say); one that does gets the filter's answer to an outage, 503.
                    if (!context.isProtected()) {
                        return call.proceed();
                    }
                    context.getResponse().sendError(SessionMiddleware.UNAVAILABLE);
                    return AuthenticationStatus.SEND_FAILURE;
                }
                if (caller != null) {
                    return context.notifyContainerAboutLogin(caller.name(), caller.groups());
                }
            }
            Object status = call.proceed();
            Principal principal = context.getCallerPrincipal();
            if (status == AuthenticationStatus.SUCCESS && principal != null) {
                Set<String> groups = context.getGroups() == null ? Set.of() : context.getGroups();
                if (!login.remember(session, principal.getName(), groups)) {
                    REFUSED.warning("A caller the identity store accepted is unknown to the CallerFingerprint: login refused");
                    return AuthenticationStatus.SEND_FAILURE;
                }
                events.loggedIn(principal.getName(), session.getSessionKey());
            }
            return status;
        });
    }

    private Object logout(InvocationContext call, HttpServletRequest request) throws Exception {
        Object result = call.proceed();
        inSession(request, handshake -> {
            if (handshake.cookieValue() != null || handshake.session() != null) {
                Object caller = session.get(Session.AUTH_USER_NAME_KEY);
                String key = session.getSessionKey();
                session.flush();
                events.loggedOut(caller instanceof String name ? name : null, key);
            }
            return null;
        });
        return result;
    }

    /** Runs {@code work} with the request's session reachable, before the filter runs as after. */
    private Object inSession(HttpServletRequest request, Work work) throws Exception {
        RequestHandshake current = RequestHandshake.current();
        if (current != null) {
            return work.run(current);
        }
        RequestHandshake early = SessionFilter.handshakeBeforeFilter(request, cookieName);
        RequestHandshake previous = early.bind();
        try {
            return work.run(early);
        } finally {
            RequestHandshake.restore(previous);
        }
    }

    private interface Work {
        Object run(RequestHandshake handshake) throws Exception;
    }
}
