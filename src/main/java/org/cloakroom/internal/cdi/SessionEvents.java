package org.cloakroom.internal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.List;
import org.cloakroom.internal.engine.SessionListener;
import org.cloakroom.event.LoggedIn;
import org.cloakroom.event.LoggedOut;
import org.cloakroom.event.SessionCreated;
import org.cloakroom.event.SessionDeleted;
import org.cloakroom.event.SessionKeyCycled;
import org.cloakroom.event.SessionsExpired;
import org.cloakroom.spi.SessionKeys;

/**
 * Fires the {@code org.cloakroom.event} events. Which events have observers is looked up once, at
 * the first use; an event without one is neither built nor fired, and sessions get
 * {@link SessionListener#NONE} when no session event has any.
 */
@ApplicationScoped
public class SessionEvents implements SessionListener {

    private Event<Object> events;
    private boolean created;
    private boolean cycled;
    private boolean deleted;
    private boolean loggedIn;
    private boolean loggedOut;
    private boolean expired;

    /** For CDI's proxies only. */
    protected SessionEvents() {
    }

    @Inject
    public SessionEvents(Event<Object> events, BeanManager beans) {
        this.events = events;
        created = observed(beans, new SessionCreated(""));
        cycled = observed(beans, new SessionKeyCycled("", ""));
        deleted = observed(beans, new SessionDeleted(""));
        loggedIn = observed(beans, new LoggedIn("", ""));
        loggedOut = observed(beans, new LoggedOut(null, null));
        expired = observed(beans, new SessionsExpired(List.of()));
    }

    private static boolean observed(BeanManager beans, Object event) {
        return !beans.resolveObserverMethods(event).isEmpty();
    }

    /** What a session should tell: these events, or nothing when no session event is observed. */
    public SessionListener listener() {
        return created || cycled || deleted ? this : SessionListener.NONE;
    }

    @Override
    public void created(String key) {
        if (created) {
            events.fire(new SessionCreated(SessionKeys.storageId(key)));
        }
    }

    @Override
    public void cycled(String formerKey, String key) {
        if (cycled) {
            events.fire(new SessionKeyCycled(SessionKeys.storageId(formerKey), SessionKeys.storageId(key)));
        }
    }

    @Override
    public void deleted(String key) {
        if (deleted) {
            events.fire(new SessionDeleted(SessionKeys.storageId(key)));
        }
    }

    /** One {@link SessionDeleted} per storage id. */
    public void deletedIds(List<String> ids) {
        if (deleted) {
            ids.forEach(id -> events.fire(new SessionDeleted(id)));
        }
    }

    public void loggedIn(String principal, String key) {
        if (loggedIn) {
            events.fire(new LoggedIn(principal, SessionKeys.storageId(key)));
        }
    }

    public void loggedOut(String principal, String key) {
        if (loggedOut) {
            events.fire(new LoggedOut(principal, key == null ? null : SessionKeys.storageId(key)));
        }
    }

    /** Whether anything observes {@link SessionsExpired}: the cleanup then reports each batch. */
    public boolean expiredObserved() {
        return expired;
    }

    /** One {@link SessionsExpired} for a batch the cleanup removed. */
    public void expired(List<SessionsExpired.Expired> batch) {
        if (expired) {
            events.fire(new SessionsExpired(batch));
        }
    }
}
