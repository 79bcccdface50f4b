package org.cloakroom.internal.cdi;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Tracks the modification of the request's session over the request's life, around each call
 * that changes it: a change attempted after the response committed (the session already saved and
 * its cookie sent, say from a stream's later writes) fails at once instead of being lost;
 * otherwise the call proceeds and the {@code modified} flag is brought in step. Woven by Weld into
 * {@link SessionFacade}, a single instance per deployment, so no request pays for building it.
 */
@TracksModification
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class ModificationTrackingInterceptor {

    @AroundInvoke
    public Object track(InvocationContext invocation) throws Exception {
        if (!(invocation.getTarget() instanceof SessionFacade facade)) {
            return invocation.proceed();
        }
        RequestSession session = facade.current();
        session.refuseChangeAfterCommit(invocation.getMethod().getName());
        try {
            return invocation.proceed();
        } finally {
            session.syncModified();
        }
    }
}
