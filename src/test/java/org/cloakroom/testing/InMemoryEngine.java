package org.cloakroom.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.spi.CreateException;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.spi.UpdateException;

/**
 * An application's own engine, as README shows one: chosen with
 * {@code SESSION_ENGINE=org.cloakroom.testing.InMemoryEngine}. It passes the whole contract.
 */
@ApplicationScoped
public class InMemoryEngine implements SessionEngine {

    private record Entry(String data, Instant expires) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private SessionSettings settings;

    protected InMemoryEngine() {
    }

    @Inject
    public InMemoryEngine(SessionSettings settings) {
        this.settings = settings;
    }

    @Override
    public Optional<String> load(String key) {
        return loadVersioned(key).map(Loaded::data);
    }

    @Override
    public boolean exists(String key) {
        return entries.containsKey(key);
    }

    @Override
    public String save(String key, String data, Instant expireDate, boolean mustCreate)
            throws CreateException, UpdateException {
        Entry entry = new Entry(data, expireDate);
        if (mustCreate) {
            if (entries.putIfAbsent(key, entry) != null) {
                throw new CreateException(key);
            }
        } else if (entries.replace(key, entry) == null) {
            throw new UpdateException();
        }
        return key;
    }

    /** The compare-and-set: ConcurrentHashMap's atomic replace of the very entry the session loaded. */
    @Override
    public Optional<String> replace(String key, Loaded expected, String data, Instant expireDate) throws UpdateException {
        if (entries.replace(key, (Entry) expected.version(), new Entry(data, expireDate))) {
            return Optional.of(key);
        }
        if (!entries.containsKey(key)) {
            throw new UpdateException();
        }
        return Optional.empty();
    }

    @Override
    public Optional<Loaded> loadVersioned(String key) {
        Entry e = entries.get(key);
        return e == null || !e.expires().isAfter(Instant.now(settings.clock())) ? Optional.empty() : Optional.of(new Loaded(e.data(), e));
    }

    @Override
    public Loaded stored(String data, Instant expireDate, Loaded previous) {
        return new Loaded(data, new Entry(data, expireDate));
    }

    @Override
    public void delete(String key) {
        entries.remove(key);
    }

    @Override
    public long clearExpired() {
        Instant now = Instant.now(settings.clock());
        long before = entries.size();
        entries.values().removeIf(e -> !e.expires().isAfter(now));
        return before - entries.size();
    }
}
