package org.cloakroom.http;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.engine.BaseSession;
import org.cloakroom.engine.ActiveEngine;
import org.cloakroom.engine.SessionEngine;

/**
 * Django's {@code SessionMiddleware} for servlets (and so for JAX-RS): after the application has
 * run, and before the response commits, it saves the session if needed and sends or deletes the
 * cookie. Registered for every URL by {@link FilterRegistrar}.
 */
public class SessionFilter extends HttpFilter {

    /** The request attribute under which the producer leaves the request's session. */
    public static final String SESSION_ATTRIBUTE = "org.cloakroom.session";

    private SessionSettings settings;
    private SessionEngine engine;
    private SessionMiddleware middleware;

    @Override
    public void init() {
        CDI<Object> cdi = CDI.current();
        settings = cdi.select(SessionSettings.class).get();
        engine = cdi.select(SessionEngine.class, ActiveEngine.Literal.INSTANCE).get();
        middleware = new SessionMiddleware(settings);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            finishDispatched(request, response, chain);
            return;
        }
        SessionResponse held = new SessionResponse(response, r -> beforeCommit(request, r));
        AsyncAwareRequest wrapped = new AsyncAwareRequest(request, held);
        // An exception means a 500: nothing is saved, and the container renders the error.
        chain.doFilter(wrapped, held);
        if (!wrapped.wentAsync()) {
            held.complete();
        }
    }

    /**
     * The second half of a request that went asynchronous and was dispatched
     * ({@code AsyncContext.dispatch()}): its target writes into the response the first half held,
     * and the session is finished when it returns, unless it went asynchronous again.
     */
    private void finishDispatched(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, response);
        if (request.getAttribute(AsyncAwareRequest.HELD_RESPONSE) instanceof SessionResponse held
                && !request.isAsyncStarted()) {
            held.complete();
        }
    }

    private int beforeCommit(HttpServletRequest request, SessionResponse response) {
        String cookie = SessionCookies.read(request, settings.cookieName());
        Object attribute = request.getAttribute(SESSION_ATTRIBUTE);
        SessionMiddleware.Outcome outcome = attribute instanceof BaseSession session
                ? middleware.finish(session, cookie != null, response.committedStatus())
                : middleware.untouched(cookie != null && !engine.isWellFormedKey(cookie));
        if (outcome.varyCookie()) {
            addVaryCookie(response);
        }
        if (outcome.interrupted()) {
            return HttpServletResponse.SC_BAD_REQUEST;
        }
        if (outcome.setCookie() != null) {
            response.addHeader("Set-Cookie", outcome.setCookie());
        }
        return 0;
    }

    private static void addVaryCookie(HttpServletResponse response) {
        for (String vary : response.getHeaders("Vary")) {
            for (String field : vary.split(",")) {
                String name = field.trim();
                if (name.equalsIgnoreCase("Cookie") || name.equals("*")) {
                    return;
                }
            }
        }
        response.addHeader("Vary", "Cookie");
    }
}
