package org.cloakroom.internal.engine;

import java.util.AbstractCollection;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The key, value and entry views of a {@link TrackedMap}: live views of its {@link LinkedHashMap}
 * whose removals, entry updates and handed-out values are counted and remembered as the map's own
 * methods do.
 */
final class TrackedViews {

    private final TrackedMap owner;
    private final LinkedHashMap<String, Object> data;
    private final KeyChanges changes;
    private final BiConsumer<String, Object> validator;
    private final Set<String> keys = new KeyView();
    private final Collection<Object> values = new ValueView();
    private final Set<Map.Entry<String, Object>> entries = new EntryView();

    TrackedViews(TrackedMap owner, LinkedHashMap<String, Object> data, KeyChanges changes,
                 BiConsumer<String, Object> validator) {
        this.owner = owner;
        this.data = data;
        this.changes = changes;
        this.validator = validator;
    }

    Set<String> keys() {
        return keys;
    }

    Collection<Object> values() {
        return values;
    }

    Set<Map.Entry<String, Object>> entries() {
        return entries;
    }

    /** Iterates the LinkedHashMap (so it fails fast just as its iterators do), counting removals. */
    final class TrackingIterator<E> implements Iterator<E> {
        private final Iterator<Map.Entry<String, Object>> delegate = data.entrySet().iterator();
        private final Function<Map.Entry<String, Object>, E> project;
        private String last;

        TrackingIterator(Function<Map.Entry<String, Object>, E> project) {
            this.project = project;
        }

        @Override public boolean hasNext() { return delegate.hasNext(); }
        @Override
        public E next() {
            Map.Entry<String, Object> next = delegate.next();
            last = next.getKey();
            return project.apply(next);
        }

        @Override
        public void remove() {
            delegate.remove();
            changes.record(last, true);
        }
    }

    // Bulk operations (removeIf, retainAll, removeAll, toArray, spliterator, stream) are
    // inherited: they all go through iterator() or remove(), so every removal is counted and
    // every entry handed out is a TrackedEntry.

    final class KeyView extends AbstractSet<String> {
        @Override public int size() { return data.size(); }
        @Override public boolean contains(Object o) { return data.containsKey(o); }
        @Override public Iterator<String> iterator() { return new TrackingIterator<>(Map.Entry::getKey); }
        @Override public boolean remove(Object o) { return changes.record(o, data.keySet().remove(o)); }
        @Override public void clear() { owner.clear(); }
    }

    final class ValueView extends AbstractCollection<Object> {
        @Override public int size() { return data.size(); }
        @Override public boolean contains(Object o) { return data.containsValue(o); }
        @Override public Iterator<Object> iterator() { return new TrackingIterator<>(e -> owner.handOut(e.getKey(), e.getValue())); }
        @Override public void clear() { owner.clear(); }
    }

    final class EntryView extends AbstractSet<Map.Entry<String, Object>> {
        @Override public int size() { return data.size(); }
        @Override public boolean contains(Object o) { return data.entrySet().contains(o); }
        @Override public Iterator<Map.Entry<String, Object>> iterator() {
            return new TrackingIterator<>(TrackedEntry::new);
        }
        @Override
        public boolean remove(Object o) {
            return data.entrySet().remove(o) && changes.record(((Map.Entry<?, ?>) o).getKey(), true);
        }
        @Override public void clear() { owner.clear(); }
    }

    /** An entry of the LinkedHashMap whose setValue validates and counts. */
    final class TrackedEntry implements Map.Entry<String, Object> {
        private final Map.Entry<String, Object> node;

        TrackedEntry(Map.Entry<String, Object> node) {
            this.node = node;
        }

        @Override public String getKey() { return node.getKey(); }
        @Override public Object getValue() { return owner.handOut(node.getKey(), node.getValue()); }

        @Override
        public Object setValue(Object value) {
            validator.accept(node.getKey(), value);
            Object old = node.setValue(value);
            changes.record(node.getKey(), !Objects.equals(old, value));
            return old;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e
                    && Objects.equals(getKey(), e.getKey())
                    && Objects.equals(getValue(), e.getValue());
        }

        @Override public int hashCode() { return Objects.hashCode(getKey()) ^ Objects.hashCode(getValue()); }
        @Override public String toString() { return getKey() + "=" + getValue(); }
    }
}
