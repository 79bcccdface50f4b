package org.cloakroom.cdi;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import org.cloakroom.engine.BaseSession;
import org.cloakroom.engine.RequestHandshake;

/**
 * The session of one HTTP request, a plain bean (nothing to weave per instance): created on the
 * first call made on the injected {@code Session}, from the cookie the filter read; it leaves
 * itself with the filter, which saves it when the response commits.
 */
@RequestScoped
@Typed(RequestSession.class)
class RequestSession extends BaseSession {

    private RequestHandshake handshake;

    /** For CDI's proxies only. */
    protected RequestSession() {
    }

    @Inject
    RequestSession(SessionServices services) {
        this(services, handshake());
    }

    private RequestSession(SessionServices services, RequestHandshake handshake) {
        super(services.engine(), services.codec(), services.settings().expiry(), services.settings().clock(), handshake.cookieValue(), services.listener());
        this.handshake = handshake;
        handshake.attach(this);
    }

    /** Fails when the response already committed: the change could no longer be saved. */
    void refuseChangeAfterCommit(String method) {
        if (handshake != null && handshake.committed()) {
            throw new IllegalStateException("Session." + method + " was called after the response committed: the session "
                    + "was already saved and its cookie sent. Change the session before the response starts (before "
                    + "a stream's first flush or the first server-sent event), on the request thread");
        }
    }

    private static RequestHandshake handshake() {
        RequestHandshake current = RequestHandshake.current();
        if (current == null) {
            throw new IllegalStateException("The request's Session is available only while Cloakroom's filter runs an "
                    + "HTTP request, on the request thread; elsewhere, use SessionStore");
        }
        return current;
    }
}
