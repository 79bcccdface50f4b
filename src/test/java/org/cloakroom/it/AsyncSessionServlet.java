package org.cloakroom.it;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import org.cloakroom.Session;

/** {@link AsyncServlet} with a session change on the request thread before going asynchronous. */
@WebServlet(urlPatterns = "/servlet/session-async/*", asyncSupported = true)
public class AsyncSessionServlet extends AsyncServlet {

    @Inject
    Session session;

    @Override
    protected void beforeAsync(HttpServletRequest request) {
        session.put("servlet", request.getPathInfo());
    }

    @Override
    protected String target() {
        return "/servlet/session-target";
    }

    /** The dispatch target of the session variant: with {@code ?touch}, it changes the session on the ASYNC pass. */
    @WebServlet(urlPatterns = "/servlet/session-target", asyncSupported = true)
    public static class Target extends AsyncTargetServlet {

        @Inject
        Session session;

        @Override
        protected void onDispatch(HttpServletRequest request) {
            if (request.getParameter("touch") != null) {
                session.put("dispatched", "yes");
            }
        }
    }
}
