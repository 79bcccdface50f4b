package org.cloakroom.cdi;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.cloakroom.engine.BaseSession;
import org.cloakroom.engine.TracksModification;

/**
 * Tracks the modification of a request's session over the request's life, around each call that
 * changes it: a change attempted after the response committed (the session already saved and its
 * cookie sent, say from a stream's or an async continuation's later writes) fails at once instead
 * of being lost; otherwise the call proceeds and the {@code modified} flag is brought in step.
 * Weld weaves it into {@link RequestSession} once for the class; reads are not intercepted.
 */
@TracksModification
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class ModificationTrackingInterceptor {

    @AroundInvoke
    public Object track(InvocationContext invocation) throws Exception {
        if (invocation.getTarget() instanceof RequestSession session) {
            session.refuseChangeAfterCommit(invocation.getMethod().getName());
        }
        try {
            return invocation.proceed();
        } finally {
            if (invocation.getTarget() instanceof BaseSession session) {
                session.syncModified();
            }
        }
    }
}
