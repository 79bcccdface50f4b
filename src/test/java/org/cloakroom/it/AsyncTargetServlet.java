package org.cloakroom.it;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Where {@link AsyncServlet} dispatches to: it answers on the dispatched (ASYNC) pass. */
@WebServlet(urlPatterns = "/servlet/target", asyncSupported = true)
public class AsyncTargetServlet extends HttpServlet {

    protected void onDispatch(HttpServletRequest request) {
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        onDispatch(request);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("dispatched as " + request.getDispatcherType());
    }
}
