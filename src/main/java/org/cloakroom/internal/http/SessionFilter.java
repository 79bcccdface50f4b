package org.cloakroom.internal.http;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.cloakroom.SessionUnavailableException;
import org.cloakroom.internal.cdi.SessionServices;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.internal.engine.BaseSession;
import org.cloakroom.internal.engine.RequestHandshake;
import org.cloakroom.internal.engine.SessionListener;
import org.cloakroom.spi.SessionEngine;

/**
 * Django's {@code SessionMiddleware} for servlets (and so for JAX-RS): after the application has
 * run, and before the response commits, it saves the session if needed and sends or deletes the
 * cookie. Registered for every URL by {@link FilterRegistrar}.
 */
public class SessionFilter extends HttpFilter {

    /** Where a handshake opened before the filter ran waits for it (see {@link #handshakeBeforeFilter}). */
    private static final String EARLY_HANDSHAKE = RequestHandshake.class.getName();

    private SessionSettings settings;
    private SessionEngine engine;
    private SessionListener listener;
    private SessionMiddleware middleware;

    @Override
    public void init() {
        SessionServices services = CDI.current().select(SessionServices.class).get();
        settings = services.settings();
        engine = services.engine();
        listener = services.listener();
        middleware = new SessionMiddleware(settings);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            finishDispatched(request, response, chain);
            return;
        }
        // The cookie is read once, here (or during authentication); the session takes its key from the handshake.
        RequestHandshake handshake = request.getAttribute(EARLY_HANDSHAKE) instanceof RequestHandshake early
                ? early : new RequestHandshake(SessionCookies.read(request, settings.cookie().name()));
        SessionResponse held = new SessionResponse(response, r -> beforeCommit(handshake, r));
        AsyncAwareRequest wrapped = new AsyncAwareRequest(request, new AsyncAwareRequest.Pending(held, handshake));
        RequestHandshake previous = handshake.bind();
        try {
            // An exception means a 500: nothing is saved, and the container renders the error.
            chain.doFilter(wrapped, held);
        } catch (IOException | ServletException | RuntimeException e) {
            // The session store is down: a 503 the client can retry, not a stack trace per request.
            if (!wrapped.wentAsync() && causedByOutage(e) && held.refuseIfUncommitted(SessionMiddleware.UNAVAILABLE)) {
                handshake.markCommitted();
                return;
            }
            throw e;
        } finally {
            RequestHandshake.restore(previous);
        }
        if (!wrapped.wentAsync()) {
            held.complete();
        }
    }

    /**
     * The handshake of a request whose session is needed before this filter runs: the container
     * authenticates before any filter, and a caller remembered in the session is read then. The
     * filter adopts it, so the session is loaded once and saved when the response commits.
     */
    public static RequestHandshake handshakeBeforeFilter(HttpServletRequest request, String cookieName) {
        if (request.getAttribute(EARLY_HANDSHAKE) instanceof RequestHandshake early) {
            return early;
        }
        RequestHandshake handshake = new RequestHandshake(SessionCookies.read(request, cookieName));
        request.setAttribute(EARLY_HANDSHAKE, handshake);
        return handshake;
    }

    /**
     * The second half of a request that went asynchronous and was dispatched
     * ({@code AsyncContext.dispatch()}): its target writes into the response the first half held,
     * and the session is finished when it returns, unless it went asynchronous again.
     */
    private void finishDispatched(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request.getAttribute(AsyncAwareRequest.PENDING) instanceof AsyncAwareRequest.Pending pending)) {
            chain.doFilter(request, response);
            return;
        }
        RequestHandshake previous = pending.handshake().bind();
        try {
            chain.doFilter(request, response);
        } finally {
            RequestHandshake.restore(previous);
        }
        if (!request.isAsyncStarted()) {
            pending.held().complete();
        }
    }

    private int beforeCommit(RequestHandshake handshake, SessionResponse response) {
        String cookie = handshake.cookieValue();
        BaseSession session = handshake.session();
        SessionMiddleware.Outcome outcome;
        if (session != null) {
            outcome = middleware.finish(session, cookie != null, response.committedStatus());
        } else {
            boolean malformed = cookie != null && !engine.isWellFormedKey(cookie);
            if (malformed) {
                listener.cookieRejected();
            }
            outcome = middleware.untouched(malformed);
        }
        handshake.markCommitted();
        if (outcome.varyCookie()) {
            addVaryCookie(response);
        }
        if (outcome.refusal() != 0) {
            if (outcome.refusal() != SessionMiddleware.UNAVAILABLE) {
                listener.saveRefused(outcome.refusal());
            }
            return outcome.refusal();
        }
        if (outcome.setCookie() != null) {
            response.addHeader("Set-Cookie", outcome.setCookie());
        }
        return 0;
    }

    private static boolean causedByOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SessionUnavailableException) {
                return true;
            }
        }
        return false;
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
