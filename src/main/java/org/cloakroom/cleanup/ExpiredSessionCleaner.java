package org.cloakroom.cleanup;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cloakroom.SessionStore;
import org.cloakroom.config.ScheduleSetting;
import org.cloakroom.config.SessionSettings;

/**
 * The EJB timer that clears expired sessions (Django's {@code clearsessions}, run for you). It runs
 * on {@code SESSION_CLEAR_EXPIRED_SCHEDULE} (hourly by default) on every node; the engine deletes in
 * small batches, so nodes running at the same moment do not block each other. Switch it off with
 * {@code SESSION_CLEAR_EXPIRED_ENABLED=false}.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// The engine runs its own short transactions; a timer transaction around them would only hold locks.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ExpiredSessionCleaner {

    private static final Logger LOG = Logger.getLogger(ExpiredSessionCleaner.class.getName());

    @Resource
    TimerService timers;

    @Inject
    SessionSettings settings;

    @Inject
    SessionStore store;

    private final AtomicBoolean running = new AtomicBoolean();
    /** What the last failed run failed with, so that a failure repeating every run is logged once. */
    private volatile String lastFailure;

    @PostConstruct
    void schedule() {
        if (!settings.cleanup().enabled()) {
            LOG.info("Clearing expired sessions is switched off (SESSION_CLEAR_EXPIRED_ENABLED=false)");
            return;
        }
        ScheduleSetting s = settings.cleanup().schedule();
        ScheduleExpression when = new ScheduleExpression().second(s.second()).minute(s.minute()).hour(s.hour())
                .dayOfMonth(s.dayOfMonth()).month(s.month()).dayOfWeek(s.dayOfWeek());
        timers.createCalendarTimer(when, new TimerConfig("cloakroom-clear-expired-sessions", false));
    }

    @Timeout
    void clearExpired() {
        // A slow run must not pile up behind itself when the schedule is short.
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            long removed = store.clearExpired();
            if (lastFailure != null) {
                lastFailure = null;
                LOG.info("Clearing expired sessions works again (SESSION_ENGINE=" + settings.engine() + ")");
            }
            LOG.log(removed > 0 ? Level.INFO : Level.FINE, "Cleared {0} expired sessions", removed);
        } catch (RuntimeException e) {
            String failure = e.getClass().getName() + ": " + e.getMessage();
            boolean repeated = failure.equals(lastFailure);
            lastFailure = failure;
            LOG.log(repeated ? Level.FINE : Level.WARNING, "Clearing expired sessions failed with SESSION_ENGINE="
                    + settings.engine() + " (" + failure + "); every run will try again"
                    + (repeated ? "" : ", and the same failure is not logged again until it changes or runs succeed"),
                    repeated ? null : e);
        } finally {
            running.set(false);
        }
    }
}
