package org.cloakroom.internal.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * Holds the body back until the session has been saved, so that {@code Set-Cookie} goes out with
 * the headers however large or streamed the body is. The body is buffered up to the container's
 * buffer size; the first of overflow, flush, close, {@code sendError}, {@code sendRedirect} or
 * the end of the request runs the session's commit hook, then the body passes straight through.
 * On an asynchronous request those may happen on another thread than the one that started it,
 * hence the lock; {@link #fail()} is the end of an async request that timed out or failed.
 */
final class SessionResponse extends HttpServletResponseWrapper {

    /** Runs once, before anything is sent; returns a replacement status (400, 409) or 0 to go on. */
    interface CommitHook {
        int beforeCommit(SessionResponse response);
    }

    private static final int MIN_BUFFER = 8192;
    /** What a 503 asks the client to wait: an outage that ends sooner costs a retry, no more. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final CommitHook hook;
    private final int limit;
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean hookRan;
    private boolean discarding;
    private boolean failed;
    /** Set while {@link #complete()} drains the writer: that flush must not commit the real response. */
    private boolean draining;
    private HoldingStream stream;
    private PrintWriter writer;

    SessionResponse(HttpServletResponse response, CommitHook hook) {
        super(response);
        this.hook = hook;
        this.limit = Math.max(MIN_BUFFER, response.getBufferSize());
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() has already been called on this response");
        }
        return stream();
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            if (stream != null) {
                throw new IllegalStateException("getOutputStream() has already been called on this response");
            }
            writer = new PrintWriter(new OutputStreamWriter(stream(), Charset.forName(getCharacterEncoding())));
        }
        return writer;
    }

    private HoldingStream stream() {
        if (stream == null) {
            stream = new HoldingStream();
        }
        return stream;
    }

    @Override
    public void flushBuffer() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        commit();
        super.flushBuffer();
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        // The status first: the session must see the error it is committed with (no save on 5xx).
        super.setStatus(sc);
        commitWithoutBody();
        if (!discarding) {
            super.sendError(sc, msg);
        }
    }

    @Override
    public void sendError(int sc) throws IOException {
        super.setStatus(sc);
        commitWithoutBody();
        if (!discarding) {
            super.sendError(sc);
        }
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        // The status a redirect will have, so the session is saved as for any 3xx.
        super.setStatus(SC_FOUND);
        commitWithoutBody();
        if (!discarding) {
            super.sendRedirect(location);
        }
    }

    @Override
    public void resetBuffer() {
        if (!hookRan) {
            buffer.reset();
        }
        super.resetBuffer();
    }

    @Override
    public void reset() {
        if (!hookRan) {
            buffer.reset();
        }
        super.reset();
    }

    /** Ends the request normally: the hook runs if nothing triggered it, and the held body is sent. */
    synchronized void complete() throws IOException {
        if (writer != null) {
            // Only to move the writer's characters into the buffer: a real flush would commit the
            // response early and cost it its Content-Length.
            draining = true;
            try {
                writer.flush();
            } finally {
                draining = false;
            }
        }
        commit();
    }

    /**
     * Ends an asynchronous request that timed out or failed: the hook runs as for an error
     * response (so nothing is saved), and the partial body held so far is dropped, as the
     * container's error handling would reset it.
     */
    synchronized void fail() throws IOException {
        failed = true;
        commitWithoutBody();
    }

    /** The status the session is committed with: an async timeout or error counts as 500. */
    int committedStatus() {
        return failed ? SC_INTERNAL_SERVER_ERROR : getStatus();
    }

    private synchronized void commitWithoutBody() throws IOException {
        if (!hookRan) {
            buffer.reset();
        }
        commit();
    }

    private synchronized void commit() throws IOException {
        if (hookRan) {
            return;
        }
        hookRan = true;
        int replacement = hook.beforeCommit(this);
        HttpServletResponse real = (HttpServletResponse) getResponse();
        if (replacement != 0) {
            refuse(real, replacement);
            return;
        }
        if (buffer.size() > 0) {
            buffer.writeTo(real.getOutputStream());
        }
        buffer = null;
    }

    /**
     * Answers {@code status} (400, 409 or 503) instead of the application's response, with a short
     * plain-text reason, if nothing has been sent yet. The session is neither saved nor asked.
     *
     * @return false if the response had already started, so nothing could be replaced
     */
    synchronized boolean refuseIfUncommitted(int status) throws IOException {
        if (hookRan || getResponse().isCommitted()) {
            return false;
        }
        hookRan = true;
        getResponse().resetBuffer();
        refuse((HttpServletResponse) getResponse(), status);
        return true;
    }

    private void refuse(HttpServletResponse real, int status) throws IOException {
        discarding = true;
        buffer = null;
        real.setStatus(status);
        real.setContentType("text/plain;charset=UTF-8");
        String reason = switch (status) {
            case 409 -> "Conflict: the session kept changing in concurrent requests; nothing of this request was saved. Retry.";
            case 503 -> "Service unavailable: the session store cannot be reached. Retry shortly.";
            default -> "Bad request: the session was deleted by a concurrent request.";
        };
        if (status == 503) {
            real.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
        real.getOutputStream().write((reason + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The stream handed to the application: holds bytes until the hook has run. */
    private final class HoldingStream extends ServletOutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (SessionResponse.this) {
                if (discarding) {
                    return;
                }
                if (!hookRan) {
                    buffer.write(b, off, len);
                    if (buffer.size() > limit) {
                        commit();
                    }
                    return;
                }
            }
            getResponse().getOutputStream().write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (draining) {
                return;
            }
            commit();
            if (!discarding) {
                getResponse().getOutputStream().flush();
            }
        }

        @Override
        public void close() throws IOException {
            commit();
            if (!discarding) {
                getResponse().getOutputStream().close();
            }
        }

        @Override
        public boolean isReady() {
            return hookRan && !discarding ? real().isReady() : true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            real().setWriteListener(listener);
        }

        private ServletOutputStream real() {
            try {
                return getResponse().getOutputStream();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
