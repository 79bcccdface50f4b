package org.cloakroom.internal.metrics;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** How often something took how long: a count, a total and a maximum, in nanoseconds. */
final class Timing {

    private final LongAdder count = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);

    void record(long nanos) {
        count.increment();
        totalNanos.add(nanos);
        maxNanos.accumulate(nanos);
    }

    long count() {
        return count.sum();
    }

    double totalSeconds() {
        return totalNanos.sum() / 1e9;
    }

    double maxSeconds() {
        return maxNanos.get() / 1e9;
    }
}
