package org.cloakroom.it;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Servlet {@code startAsync()}: {@code /servlet/async/complete} writes from another thread and
 * completes, {@code /dispatch} dispatches to {@link AsyncTargetServlet}, {@code /timeout} never
 * finishes. Never touches the session; {@link AsyncSessionServlet} is the same with a session.
 */
@WebServlet(urlPatterns = "/servlet/async/*", asyncSupported = true)
public class AsyncServlet extends HttpServlet {

    @Resource
    ManagedExecutorService executor;

    /** What the session variant does on the request thread before going asynchronous. */
    protected void beforeAsync(HttpServletRequest request) {
    }

    protected String target() {
        return "/servlet/target";
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        beforeAsync(request);
        AsyncContext async = request.startAsync();
        switch (String.valueOf(request.getPathInfo())) {
            case "/complete" -> executor.submit(() -> {
                try {
                    async.getResponse().setContentType("text/plain;charset=UTF-8");
                    async.getResponse().getWriter().write("completed asynchronously");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    async.complete();
                }
            });
            case "/dispatch" -> executor.submit(() -> async.dispatch(target()));
            case "/timeout" -> async.setTimeout(300);
            default -> {
                ((HttpServletResponse) async.getResponse()).setStatus(404);
                async.complete();
            }
        }
    }
}
