package org.cloakroom.internal.http;

import java.time.Clock;
import java.time.Instant;
import java.util.logging.Logger;
import org.cloakroom.SessionConflictException;
import org.cloakroom.SessionInterruptedException;
import org.cloakroom.SessionUnavailableException;
import org.cloakroom.config.ExpirySettings;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.internal.engine.BaseSession;

/**
 * What happens to a session when its response is about to be sent (Django's
 * {@code SessionMiddleware.process_response}), independent of the servlet API so every rule can be
 * tested without a server.
 */
public final class SessionMiddleware {

    /**
     * The decision for one response.
     *
     * @param setCookie  a {@code Set-Cookie} header value to add, or null
     * @param varyCookie whether to add {@code Vary: Cookie}
     * @param refusal    0, or the status that replaces the application's because the session could
     *                   not be saved: {@link #INTERRUPTED} (deleted concurrently), {@link #CONFLICT}
     *                   or {@link #UNAVAILABLE}
     */
    public record Outcome(String setCookie, boolean varyCookie, int refusal) {
    }

    /** The stored session was deleted concurrently (a logout in another tab): 400, as Django answers. */
    public static final int INTERRUPTED = 400;
    /** Concurrent saves kept winning the race and this request's changes could not be merged in: 409. */
    public static final int CONFLICT = 409;
    /** The session store cannot be reached: 503, with {@code Retry-After}. */
    public static final int UNAVAILABLE = 503;

    private static final Logger LOG = Logger.getLogger(SessionMiddleware.class.getName());

    private final ExpirySettings expiry;
    private final Clock clock;
    private final SessionCookies cookies;

    public SessionMiddleware(SessionSettings settings) {
        this.expiry = settings.expiry();
        this.clock = settings.clock();
        this.cookies = new SessionCookies(settings.cookie());
    }

    /** For a request whose session was never touched: only a cookie this engine could not have issued is deleted. */
    public Outcome untouched(boolean malformedCookiePresent) {
        return malformedCookiePresent ? new Outcome(cookies.deletion(), true, 0) : new Outcome(null, false, 0);
    }

    /**
     * Saves the session if it changed (or on every request, with {@code SESSION_SAVE_EVERY_REQUEST},
     * or to refresh a session that was only read, with {@code SESSION_REFRESH_ON_READ}), never for
     * a status of 500 or more, and says which cookie to send.
     */
    public Outcome finish(BaseSession session, boolean cookiePresent, int status) {
        // Read the flags before the expiry calls below load the session.
        boolean accessed = session.isAccessed();
        try {
            return save(session, cookiePresent, status, accessed);
        } catch (SessionUnavailableException e) {
            // Logged once per outage by the engine guard. An error response stays what it is.
            return new Outcome(null, accessed, status >= 500 ? 0 : UNAVAILABLE);
        }
    }

    private Outcome save(BaseSession session, boolean cookiePresent, int status, boolean accessed) {
        if (accessed) {
            session.detectNestedChanges();
        }
        boolean modified = session.isModified();
        boolean refresh = expiry.saveEveryRequest() || !modified && accessed && session.refreshDue();
        if (!session.isBlank() && (modified || refresh)) {
            // Loads the session: a stale key is dropped here, so it is never saved under.
            boolean browserLength = session.getExpireAtBrowserClose();
            if (!session.isBlank()) {
                if (status >= 500) {
                    return new Outcome(null, accessed, 0);
                }
                Long maxAge = browserLength ? null : session.getExpiryAge();
                try {
                    session.saveAtEndOfRequest(refresh);
                } catch (SessionInterruptedException e) {
                    return new Outcome(null, accessed, INTERRUPTED);
                } catch (SessionConflictException e) {
                    LOG.warning(e.getMessage() + "; answering " + CONFLICT);
                    return new Outcome(null, accessed, CONFLICT);
                }
                return new Outcome(cookies.issue(session.getSessionKey(), maxAge, Instant.now(clock)),
                        accessed, 0);
            }
        }
        if (cookiePresent && session.isBlank()) {
            return new Outcome(cookies.deletion(), true, 0);
        }
        return new Outcome(null, accessed, 0);
    }
}
