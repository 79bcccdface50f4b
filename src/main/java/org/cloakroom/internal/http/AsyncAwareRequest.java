package org.cloakroom.internal.http;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import org.cloakroom.internal.engine.RequestHandshake;

/**
 * The request as the application sees it: when it goes asynchronous, the {@link AsyncContext} it
 * gets finishes the held response (session saved, cookie sent, held bytes released) before the
 * container completes it, and an async timeout or error counts as an error response (nothing saved).
 * A {@code dispatch()} leaves the finishing to the filter's {@code ASYNC} pass, so that what the
 * dispatched target does to the session is saved too.
 */
final class AsyncAwareRequest extends HttpServletRequestWrapper {

    /** Where the filter's {@code ASYNC} pass finds what the first pass began. */
    static final String PENDING = AsyncAwareRequest.class.getName() + ".pending";

    /** The held response and the session handshake of a request that went asynchronous. */
    record Pending(SessionResponse held, RequestHandshake handshake) {
    }

    private final Pending pending;
    private volatile Finishing async;

    AsyncAwareRequest(HttpServletRequest request, Pending pending) {
        super(request);
        this.pending = pending;
    }

    /** Whether the application took this request asynchronous: then the async path finishes it. */
    boolean wentAsync() {
        return async != null || super.isAsyncStarted();
    }

    @Override
    public AsyncContext startAsync() {
        return finishing(super.startAsync());
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        return finishing(super.startAsync(request, response));
    }

    @Override
    public AsyncContext getAsyncContext() {
        Finishing current = async;
        AsyncContext real = super.getAsyncContext();
        return current != null && current.real == real ? current : real;
    }

    private AsyncContext finishing(AsyncContext real) {
        super.setAttribute(PENDING, pending);
        Finishing wrapper = new Finishing(real, pending.held());
        real.addListener(wrapper);
        async = wrapper;
        return wrapper;
    }

    /** Delegates everything; finishes the held response before {@code complete()}. */
    private static final class Finishing implements AsyncContext, AsyncListener {

        final AsyncContext real;
        private final SessionResponse held;

        Finishing(AsyncContext real, SessionResponse held) {
            this.real = real;
            this.held = held;
        }

        @Override
        public void complete() {
            try {
                held.complete();
            } catch (IOException e) {
                // The client went away while the held bytes were released: the container sees the
                // same broken connection when it completes, and handles it as it would without us.
            } finally {
                real.complete();
            }
        }

        @Override public void dispatch() { real.dispatch(); }
        @Override public void dispatch(String path) { real.dispatch(path); }
        @Override public void dispatch(ServletContext context, String path) { real.dispatch(context, path); }
        @Override public ServletRequest getRequest() { return real.getRequest(); }
        @Override public ServletResponse getResponse() { return real.getResponse(); }
        @Override public boolean hasOriginalRequestAndResponse() { return real.hasOriginalRequestAndResponse(); }
        @Override public void start(Runnable run) { real.start(run); }
        @Override public void addListener(AsyncListener listener) { real.addListener(listener); }

        @Override
        public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
            real.addListener(listener, request, response);
        }

        @Override
        public <T extends AsyncListener> T createListener(Class<T> type) throws jakarta.servlet.ServletException {
            return real.createListener(type);
        }

        @Override public void setTimeout(long timeout) { real.setTimeout(timeout); }
        @Override public long getTimeout() { return real.getTimeout(); }

        // ---- as a listener: a timeout or an error is an error response -----------------------

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            held.fail();
        }

        @Override
        public void onError(AsyncEvent event) throws IOException {
            held.fail();
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // A new startAsync goes through this wrapper again, which registers its own listener.
        }
    }
}
