package org.cloakroom.cdi;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.cloakroom.engine.BaseSession;

/**
 * Keeps a request session's {@code modified} flag in step with its data around every call made on
 * it, including changes made earlier through views and iterators. {@code BaseSession} follows its
 * data on its own too (it must, without a container); this binding is what Weld weaves into
 * {@link RequestSession} once for the class.
 */
@TracksModification
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class ModificationTrackingInterceptor {

    private static final String SYNC_METHOD = "syncModified";

    @AroundInvoke
    public Object track(InvocationContext invocation) throws Exception {
        if (!(invocation.getTarget() instanceof BaseSession session)
                || invocation.getMethod().getName().equals(SYNC_METHOD)) {
            return invocation.proceed();
        }
        session.syncModified();
        try {
            return invocation.proceed();
        } finally {
            session.syncModified();
        }
    }
}
