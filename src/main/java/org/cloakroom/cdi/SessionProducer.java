package org.cloakroom.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InterceptionFactory;
import jakarta.servlet.http.HttpServletRequest;
import org.cloakroom.Session;
import org.cloakroom.codec.SessionCodec;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.engine.ActiveEngine;
import org.cloakroom.engine.BaseSession;
import org.cloakroom.engine.SessionEngine;
import org.cloakroom.http.SessionCookies;
import org.cloakroom.http.SessionFilter;

/**
 * Produces the request's {@link Session}. CDI calls this on the first method call on an injected
 * session, so a request that never touches it creates nothing and does no I/O. The instance is
 * left on the request for {@link SessionFilter} to save at the end.
 */
@ApplicationScoped
public class SessionProducer {

    @Produces
    @RequestScoped
    Session session(HttpServletRequest request, @ActiveEngine SessionEngine engine, SessionCodec codec, SessionSettings settings,
            InterceptionFactory<BaseSession> interception) {
        String cookie = SessionCookies.read(request, settings.cookieName());
        BaseSession session = interception.ignoreFinalMethods()
                .createInterceptedInstance(new BaseSession(engine, codec, settings, cookie));
        request.setAttribute(SessionFilter.SESSION_ATTRIBUTE, session);
        return session;
    }
}
