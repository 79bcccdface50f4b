package org.cloakroom.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.cloakroom.Session;
import org.cloakroom.SessionStore;
import org.cloakroom.config.Setting;
import org.cloakroom.config.SessionSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A cleanup that fails the same way every run says so once, naming the engine, and says when it works again. */
class ExpiredSessionCleanerTest {

    private final List<LogRecord> logged = new ArrayList<>();
    private final Logger log = Logger.getLogger(ExpiredSessionCleaner.class.getName());
    private final Handler handler = new Handler() {
        @Override public void publish(LogRecord record) { logged.add(record); }
        @Override public void flush() { }
        @Override public void close() { }
    };
    private RuntimeException failure;

    private final SessionStore store = new SessionStore() {
        @Override public Session create() { throw new UnsupportedOperationException(); }
        @Override public Session newSession() { throw new UnsupportedOperationException(); }
        @Override public Session load(String key) { throw new UnsupportedOperationException(); }
        @Override public boolean exists(String key) { return false; }
        @Override public void delete(String key) { }

        @Override
        public long clearExpired() {
            if (failure != null) {
                throw failure;
            }
            return 0;
        }
    };

    @BeforeEach
    void listen() {
        log.addHandler(handler);
        log.setLevel(Level.ALL);
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(handler);
        log.setLevel(null);
    }

    private long count(Level level) {
        return logged.stream().filter(r -> r.getLevel() == level).count();
    }

    @Test
    void aFailureRepeatedEveryRunIsOneWarningNamingTheEngineAndRecoveryIsOneInfo() {
        ExpiredSessionCleaner cleaner = new ExpiredSessionCleaner();
        cleaner.settings = SessionSettings.builder().set(Setting.SESSION_ENGINE, "com.example.MemcachedEngine").build();
        cleaner.store = store;
        failure = new UnsupportedOperationException("this engine cannot list expired sessions");
        for (int run = 0; run < 5; run++) {
            cleaner.clearExpired();
        }
        assertEquals(1, count(Level.WARNING));
        LogRecord warning = logged.stream().filter(r -> r.getLevel() == Level.WARNING).findFirst().orElseThrow();
        assertTrue(warning.getMessage().contains("SESSION_ENGINE=com.example.MemcachedEngine"), warning.getMessage());
        assertTrue(warning.getMessage().contains("this engine cannot list expired sessions"), warning.getMessage());
        failure = null;
        cleaner.clearExpired();
        assertEquals(1, count(Level.INFO), "works again");
        failure = new IllegalStateException("another failure");
        cleaner.clearExpired();
        assertEquals(2, count(Level.WARNING), "a different failure is news");
    }
}
