package org.cloakroom.internal.engine;

/**
 * The meeting point of one HTTP request's filter and its session. The filter opens it with the
 * cookie it read (once per request) and binds it to the thread while the application runs; the
 * request's session takes its key from it and leaves itself there; when the response commits,
 * the filter finds the session there (or nothing: the session was never touched).
 */
public final class RequestHandshake {

    private static final ThreadLocal<RequestHandshake> CURRENT = new ThreadLocal<>();

    private final String cookieValue;
    /** Written on the request thread, read where the response commits, which may be another. */
    private volatile BaseSession session;
    private volatile boolean committed;

    /** @param cookieValue the session cookie's value as the browser sent it, or null */
    public RequestHandshake(String cookieValue) {
        this.cookieValue = cookieValue;
    }

    /** The handshake of the request this thread is running, or null outside one. */
    public static RequestHandshake current() {
        return CURRENT.get();
    }

    /** Makes this the current thread's handshake; returns the one it replaces, for {@link #restore}. */
    public RequestHandshake bind() {
        RequestHandshake previous = CURRENT.get();
        CURRENT.set(this);
        return previous;
    }

    /** Puts back what {@link #bind()} replaced. */
    public static void restore(RequestHandshake previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    public String cookieValue() {
        return cookieValue;
    }

    /** The request's session, once something created it; null for a request that never touched it. */
    public BaseSession session() {
        return session;
    }

    public void attach(BaseSession requestSession) {
        session = requestSession;
    }

    /** Whether the response has committed: the session was finished and can no longer be saved. */
    public boolean committed() {
        return committed;
    }

    public void markCommitted() {
        committed = true;
    }
}
