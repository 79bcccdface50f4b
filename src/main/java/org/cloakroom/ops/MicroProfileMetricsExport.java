package org.cloakroom.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.cloakroom.internal.metrics.SessionMetrics;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The metrics in the application's MicroProfile Metrics registry (Payara). Every value is a gauge
 * there, read from the counters when scraped: MicroProfile counters cannot be read from a function.
 * A counter's name ends in {@code .total}, so that Prometheus shows the same names as Micrometer
 * does on WildFly. Loaded only when the application sees MicroProfile Metrics.
 */
final class MicroProfileMetricsExport implements AutoCloseable {

    private final MetricRegistry registry;
    /** What the meters read: Micrometer holds it only weakly, and a collected reading would freeze its meter. */
    private final List<Object> state = new ArrayList<>();
    private final List<MetricID> ids = new ArrayList<>();

    MicroProfileMetricsExport(Object registry, SessionMetrics metrics, DoubleSupplier liveSessions, String application) {
        this.registry = (MetricRegistry) registry;
        Tag[] tags = {new Tag("engine", metrics.engine()), new Tag("application", application)};
        state.add(liveSessions);
        try {
            for (SessionMetrics.Reading r : metrics.readings()) {
                state.add(r);
                add(r.counter() ? r.name() + ".total" : r.name(), r.description(), r.value(), tags);
            }
            add(OperationsStartup.LIVE, OperationsStartup.LIVE_DESCRIPTION, liveSessions, tags);
        } catch (RuntimeException | LinkageError refused) {
            close();   // none of this export's metrics may outlive it
            throw refused;
        }
    }

    private void add(String name, String description, DoubleSupplier value, Tag[] tags) {
        Metadata metadata = Metadata.builder().withName(name).withDescription(description).build();
        registry.gauge(metadata, value, DoubleSupplier::getAsDouble, tags);
        ids.add(new MetricID(name, tags));
    }

    @Override
    public void close() {
        ids.forEach(registry::remove);
    }
}
