package org.cloakroom.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cloakroom.internal.metrics.SessionMetrics;

/** The JMX face of {@link SessionAdministration}. */
final class SessionsBean implements SessionsMXBean {

    private final SessionAdministration admin;

    SessionsBean(SessionAdministration admin) {
        this.admin = admin;
    }

    @Override
    public String getEngine() {
        return admin.engineName();
    }

    @Override
    public Map<String, Double> getMetrics() {
        Map<String, Double> values = new LinkedHashMap<>();
        for (SessionMetrics.Reading reading : admin.metrics().readings()) {
            values.put(reading.name(), reading.value().getAsDouble());
        }
        return values;
    }

    @Override
    public long getLiveSessions() {
        return admin.liveSessions().orElse(-1);
    }

    @Override
    public String inspectSession(String key) {
        return admin.inspect(key).map(AdminJson::inspected).orElse("");
    }

    @Override
    public boolean deleteSession(String key) {
        return admin.delete(key);
    }

    @Override
    public int deleteSessionsOf(String principal) {
        return admin.deleteSessionsOf(principal);
    }

    @Override
    public long clearExpiredNow() {
        return admin.clearExpired();
    }
}
