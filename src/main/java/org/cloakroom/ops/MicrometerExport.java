package org.cloakroom.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.cloakroom.internal.metrics.SessionMetrics;

/**
 * The metrics in a Micrometer registry (WildFly's {@code micrometer} subsystem). Loaded only when
 * the application sees Micrometer: nothing else refers to this class.
 */
final class MicrometerExport implements AutoCloseable {

    private final MeterRegistry registry;
    /** What the meters read: Micrometer holds it only weakly, and a collected reading would freeze its meter. */
    private final List<Object> state = new ArrayList<>();
    private final List<Meter> meters = new ArrayList<>();

    MicrometerExport(Object registry, SessionMetrics metrics, DoubleSupplier liveSessions, String application) {
        this.registry = (MeterRegistry) registry;
        Tags tags = Tags.of("engine", metrics.engine(), "application", application);
        try {
            register(metrics, liveSessions, tags);
        } catch (RuntimeException | LinkageError refused) {
            close();   // none of this export's meters may outlive it
            throw refused;
        }
    }

    private void register(SessionMetrics metrics, DoubleSupplier liveSessions, Tags tags) {
        state.add(liveSessions);
        for (SessionMetrics.Reading r : metrics.readings()) {
            state.add(r);
            meters.add(r.counter()
                    ? FunctionCounter.builder(r.name(), r, x -> x.value().getAsDouble()).description(r.description())
                            .tags(tags).register(this.registry)
                    : Gauge.builder(r.name(), r, x -> x.value().getAsDouble()).description(r.description())
                            .tags(tags).register(this.registry));
        }
        meters.add(Gauge.builder(OperationsStartup.LIVE, liveSessions, DoubleSupplier::getAsDouble)
                .description(OperationsStartup.LIVE_DESCRIPTION).tags(tags).register(this.registry));
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
