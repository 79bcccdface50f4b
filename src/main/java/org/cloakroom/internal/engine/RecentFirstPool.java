package org.cloakroom.internal.engine;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded, lock-free pool of reusable objects that hands out the most recently returned one
 * first: its state (a zlib stream's tens or hundreds of KB, a MAC's digest buffers) is then still
 * in the CPU's cache, where a queue would cycle through every pooled object and find each one cold.
 */
final class RecentFirstPool<T> {

    /** A few per core: enough that threads on every core rarely find the pool empty. */
    private static final int SIZE = 2 * Runtime.getRuntime().availableProcessors();

    private final AtomicReferenceArray<T> slots = new AtomicReferenceArray<>(SIZE);

    /** A pooled object, or null if none is free. */
    T take() {
        for (int i = 0; i < slots.length(); i++) {
            T item = slots.get(i);
            if (item != null && slots.compareAndSet(i, item, null)) {
                return item;
            }
        }
        return null;
    }

    /** Whether the pool kept {@code item}; if not, the caller releases it. */
    boolean give(T item) {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) == null && slots.compareAndSet(i, null, item)) {
                return true;
            }
        }
        return false;
    }
}
