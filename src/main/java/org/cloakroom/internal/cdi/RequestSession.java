package org.cloakroom.internal.cdi;

import org.cloakroom.internal.engine.BaseSession;
import org.cloakroom.internal.engine.RequestHandshake;

/**
 * The session of one HTTP request: created on the first call made on the injected {@code Session},
 * from the cookie the filter read, and kept in the request's {@link RequestHandshake}, where the
 * filter finds it to save it when the response commits. The handshake, not a CDI context, scopes it
 * to the request: Weld's request context would store it as a servlet request attribute and look it
 * up on every call, and nothing here needs more than the handshake the filter already binds.
 */
final class RequestSession extends BaseSession {

    private final RequestHandshake handshake;

    private RequestSession(SessionServices services, RequestHandshake handshake) {
        super(services.engine(), services.codec(), services.settings().expiry(), services.settings().clock(),
                handshake.cookieValue(), services.listener());
        this.handshake = handshake;
        handshake.attach(this);
    }

    /** The session of the request this thread runs, created on first use. */
    static RequestSession current(SessionServices services) {
        RequestHandshake handshake = RequestHandshake.current();
        if (handshake == null) {
            throw new IllegalStateException("The request's Session is available only while Cloakroom's filter runs an "
                    + "HTTP request, on the request thread; elsewhere, use SessionStore");
        }
        return handshake.session() instanceof RequestSession session ? session : new RequestSession(services, handshake);
    }

    /** Fails when the response already committed: the change could no longer be saved. */
    void refuseChangeAfterCommit(String method) {
        if (handshake.committed()) {
            throw new IllegalStateException("Session." + method + " was called after the response committed: the session "
                    + "was already saved and its cookie sent. Change the session before the response starts (before "
                    + "a stream's first flush or the first server-sent event), on the request thread");
        }
    }
}
