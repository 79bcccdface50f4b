package org.cloakroom.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.cloakroom.Session;

/**
 * Produces the request's {@link Session}: the request-scoped {@link RequestSession}, reached
 * through its client proxy. Nothing is created until the first call on it, so a request that
 * never touches the session creates nothing and does no I/O.
 */
@ApplicationScoped
public class SessionProducer {

    @Produces
    Session session(RequestSession requestSession) {
        return requestSession;
    }
}
