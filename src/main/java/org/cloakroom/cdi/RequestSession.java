package org.cloakroom.cdi;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import org.cloakroom.engine.BaseSession;
import org.cloakroom.engine.RequestHandshake;

/**
 * The session of one HTTP request: a bean class, so that Weld builds its modification-tracking
 * interception once for the class rather than once per request. Created on the first call made
 * on the injected {@code Session}, from the cookie the filter read; it leaves itself with the
 * filter, which saves it when the response commits.
 */
@RequestScoped
@Typed(RequestSession.class)
@TracksModification
class RequestSession extends BaseSession {

    /** For CDI's proxies only. */
    protected RequestSession() {
    }

    @Inject
    RequestSession(SessionServices services) {
        super(services.engine(), services.codec(), services.settings(), handshake().cookieValue());
        handshake().attach(this);
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
