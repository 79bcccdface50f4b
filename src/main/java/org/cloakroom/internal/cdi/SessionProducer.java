package org.cloakroom.internal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.cloakroom.Session;

/**
 * Produces the {@link Session} applications inject: {@link SessionFacade}, which forwards to the
 * session of the current request ({@link RequestSession}). Nothing is created for a request until the first call on
 * it, so a request that never touches the session creates nothing and does no I/O.
 */
@ApplicationScoped
public class SessionProducer {

    /**
     * Application-scoped, so that injecting it costs a request-scoped resource nothing: Weld hands
     * every injection point the one client proxy it keeps, where a {@code @Dependent} producer
     * would run for each new resource instance, that is, on every request.
     */
    @Produces
    @ApplicationScoped
    Session session(SessionFacade facade) {
        return facade;
    }
}
