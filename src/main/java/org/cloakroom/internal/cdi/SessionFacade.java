package org.cloakroom.internal.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.cloakroom.Session;

/**
 * The {@link Session} applications inject: one instance per deployment that forwards every call to
 * the current request's {@link RequestSession}, found in the handshake the filter bound to the
 * thread. Its changing methods carry {@link TracksModification}, so Weld weaves the interceptor
 * into this one object, once, rather than into a new session object on every request.
 *
 * <p>{@code @Dependent}, so that {@link SessionProducer} holds the intercepted instance itself: a
 * call on the injected {@code Session} then crosses one client proxy (the produced bean's), not two.
 */
@Dependent
@Typed(SessionFacade.class)
class SessionFacade implements Session {

    private SessionServices services;

    @Inject
    SessionFacade(SessionServices services) {
        this.services = services;
    }

    /** The session of the request this thread runs, created on first use. */
    RequestSession current() {
        return RequestSession.current(services);
    }

    @Override public int size() { return current().size(); }
    @Override public boolean isEmpty() { return current().isEmpty(); }
    @Override public boolean containsKey(Object k) { return current().containsKey(k); }
    @Override public boolean containsValue(Object v) { return current().containsValue(v); }
    @Override public Object get(Object k) { return current().get(k); }
    @Override public Object getOrDefault(Object k, Object d) { return current().getOrDefault(k, d); }
    @Override public Set<String> keySet() { return current().keySet(); }
    @Override public Collection<Object> values() { return current().values(); }
    @Override public Set<Entry<String, Object>> entrySet() { return current().entrySet(); }
    @Override public void forEach(BiConsumer<? super String, ? super Object> a) { current().forEach(a); }

    @Override @TracksModification public Object put(String k, Object v) { return current().put(k, v); }
    @Override @TracksModification public Object remove(Object k) { return current().remove(k); }
    @Override @TracksModification public void putAll(Map<? extends String, ?> m) { current().putAll(m); }
    @Override @TracksModification public void clear() { current().clear(); }
    @Override @TracksModification public Object putIfAbsent(String k, Object v) { return current().putIfAbsent(k, v); }
    @Override @TracksModification public boolean remove(Object k, Object v) { return current().remove(k, v); }
    @Override @TracksModification public boolean replace(String k, Object o, Object n) { return current().replace(k, o, n); }
    @Override @TracksModification public Object replace(String k, Object v) { return current().replace(k, v); }

    @Override
    @TracksModification
    public void replaceAll(BiFunction<? super String, ? super Object, ?> f) {
        current().replaceAll(f);
    }

    @Override
    @TracksModification
    public Object computeIfAbsent(String k, Function<? super String, ?> f) {
        return current().computeIfAbsent(k, f);
    }

    @Override
    @TracksModification
    public Object computeIfPresent(String k, BiFunction<? super String, ? super Object, ?> f) {
        return current().computeIfPresent(k, f);
    }

    @Override
    @TracksModification
    public Object compute(String k, BiFunction<? super String, ? super Object, ?> f) {
        return current().compute(k, f);
    }

    @Override
    @TracksModification
    public Object merge(String k, Object v, BiFunction<? super Object, ? super Object, ?> f) {
        return current().merge(k, v, f);
    }

    @Override public boolean equals(Object o) { return o == this || current().equals(o); }
    @Override public int hashCode() { return current().hashCode(); }
    @Override public String toString() { return current().toString(); }

    @Override public String getSessionKey() { return current().getSessionKey(); }
    @Override @TracksModification public void flush() { current().flush(); }
    @Override @TracksModification public void cycleKey() { current().cycleKey(); }
    @Override @TracksModification public void save() { current().save(); }
    @Override @TracksModification public void setTestCookie() { current().setTestCookie(); }
    @Override public boolean testCookieWorked() { return current().testCookieWorked(); }
    @Override @TracksModification public void deleteTestCookie() { current().deleteTestCookie(); }
    @Override @TracksModification public void setExpiry(int seconds) { current().setExpiry(seconds); }
    @Override @TracksModification public void setExpiry(Duration duration) { current().setExpiry(duration); }
    @Override @TracksModification public void setExpiry(Instant instant) { current().setExpiry(instant); }
    @Override @TracksModification public void setExpiry(ZonedDateTime dateTime) { current().setExpiry(dateTime); }
    @Override @TracksModification public void resetExpiry() { current().resetExpiry(); }
    @Override public long getExpiryAge() { return current().getExpiryAge(); }
    @Override public long getExpiryAge(Instant modification) { return current().getExpiryAge(modification); }
    @Override public long getExpiryAge(Instant m, Object expiry) { return current().getExpiryAge(m, expiry); }
    @Override public Instant getExpiryDate() { return current().getExpiryDate(); }
    @Override public Instant getExpiryDate(Instant modification) { return current().getExpiryDate(modification); }
    @Override public Instant getExpiryDate(Instant m, Object expiry) { return current().getExpiryDate(m, expiry); }
    @Override public boolean getExpireAtBrowserClose() { return current().getExpireAtBrowserClose(); }
    @Override public boolean isModified() { return current().isModified(); }
    @Override @TracksModification public void setModified(boolean modified) { current().setModified(modified); }
    @Override public boolean isAccessed() { return current().isAccessed(); }
}
