package org.cloakroom.cdi;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.cloakroom.engine.BaseSession;

/**
 * Keeps a session's {@code modified} flag true to its data. The data map counts every change made
 * through any path, including views and iterators handed out earlier; around each call on the
 * session this interceptor turns a moved count into {@code modified = true}, so no caller (the
 * application, the HTTP filter) can observe a stale flag.
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
