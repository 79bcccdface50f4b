package org.cloakroom;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * The visitor's session: a {@code Map<String, Object>} that is loaded on first use, saved at the
 * end of the request only if it changed, and tied to the browser by a cookie that carries a random
 * key. Inject it where you need it ({@code @Inject Session session;}); it is request scoped.
 *
 * <p>Every {@code Map} method behaves as {@code java.util.Map} specifies, including the
 * {@code keySet()}, {@code values()} and {@code entrySet()} views, and marks the session modified
 * exactly when it changes the content. A change made inside a stored mutable value
 * ({@code ((List) session.get("cart")).add(item)}) is detected at the end of the request too.
 *
 * <p>Values are stored as JSON and come back as the type they were stored as: strings, numbers,
 * booleans, enums, {@code java.time} values, {@code UUID}, {@code List}/{@code Set}/{@code Map} of
 * those, and records or JavaBeans listed in {@code SESSION_SERIALIZER_ALLOWED_TYPES}. Anything
 * else fails at {@code put} with an {@link UnstorableValueException} naming the key.
 *
 * <p>Keys that start with {@code _} are reserved for the framework; Cloakroom itself uses
 * {@value #EXPIRY_KEY}, {@value #CREATED_KEY} (with {@code SESSION_ABSOLUTE_AGE}) and
 * {@value #SAVED_KEY} (with {@code SESSION_REFRESH_ON_READ}), and for a caller logged in through
 * {@code @RememberInSession}: {@value #AUTH_USER_NAME_KEY}, {@value #AUTH_USER_GROUPS_KEY} and
 * {@value #AUTH_USER_HASH_KEY}.
 */
public interface Session extends Map<String, Object> {

    /** Where a per-session expiry set with {@code setExpiry} is kept. */
    String EXPIRY_KEY = "_session_expiry";
    /**
     * When the session was created, in epoch seconds; kept only with {@code SESSION_ABSOLUTE_AGE}.
     * {@link #cycleKey()} keeps it; remove it before {@code cycleKey()} to start a new lifetime.
     */
    String CREATED_KEY = "_session_created";
    /** When the session was last saved, in epoch seconds; kept only with {@code SESSION_REFRESH_ON_READ}. */
    String SAVED_KEY = "_session_saved";
    /**
     * The name of the caller logged in with this session ({@code org.cloakroom.security.RememberInSession}).
     * The {@code db} and {@code cached_db} engines also keep it in the row's {@code principal} column,
     * written when the row is created, which a login always does (it cycles the key).
     */
    String AUTH_USER_NAME_KEY = "_auth_user_name";
    /** The logged-in caller's groups, a list of strings. */
    String AUTH_USER_GROUPS_KEY = "_auth_user_groups";
    /** A keyed hash of the caller's credential fingerprint at login (Django's session auth hash). */
    String AUTH_USER_HASH_KEY = "_auth_user_hash";
    /** The item {@link #setTestCookie()} stores (Django's name). */
    String TEST_COOKIE_KEY = "testcookie";
    /** The value {@link #setTestCookie()} stores. */
    String TEST_COOKIE_VALUE = "worked";

    /** {@return the key the cookie carries, or null when the session has not been saved yet} Never loads. */
    String getSessionKey();

    /**
     * Deletes the data and the stored session; the next save gets a new key and the cookie of the
     * old one is deleted. Use it on logout.
     */
    void flush();

    /**
     * Keeps the data under a new key and deletes the old stored session: the defence against session
     * fixation. Call it when a visitor logs in.
     */
    void cycleKey();

    /** Saves now. The HTTP filter does this for you; outside requests, call it yourself. */
    void save();

    /** Stores the test cookie item; check it on the next request with {@link #testCookieWorked()}. */
    void setTestCookie();

    /** {@return whether the browser sent back the session that {@link #setTestCookie()} was called on} */
    boolean testCookieWorked();

    /** Removes the test cookie item (no error if it is absent). */
    void deleteTestCookie();

    /**
     * Expires the session after {@code seconds} of inactivity; {@code 0} means when the browser
     * closes. Inactivity counts from the last save, not the last read, unless
     * {@code SESSION_REFRESH_ON_READ} is on. {@code SESSION_ABSOLUTE_AGE} caps every expiry.
     *
     * @param seconds the inactivity that ends the session, or {@code 0} for the browser's session
     */
    void setExpiry(int seconds);

    /**
     * Expires the session {@code duration} from now.
     *
     * @param duration how long from now the session lasts
     */
    void setExpiry(Duration duration);

    /**
     * Expires the session at {@code instant}.
     *
     * @param instant when the session ends
     */
    void setExpiry(Instant instant);

    /**
     * Expires the session at {@code dateTime}.
     *
     * @param dateTime when the session ends
     */
    void setExpiry(ZonedDateTime dateTime);

    /** Back to the global policy ({@code SESSION_COOKIE_AGE}, {@code SESSION_EXPIRE_AT_BROWSER_CLOSE}): Django's {@code set_expiry(None)}. */
    void resetExpiry();

    /** {@return seconds until the session expires, counted from now} {@code SESSION_COOKIE_AGE} without a custom expiry. */
    long getExpiryAge();

    /**
     * {@return seconds until expiry, counted from {@code modification}}
     *
     * @param modification when the session was (or would be) last saved
     */
    long getExpiryAge(Instant modification);

    /**
     * Seconds until {@code expiry} (an {@code Integer}/{@code Long} number of seconds, an
     * {@code Instant}, a {@code ZonedDateTime} or {@code OffsetDateTime}, or null for the global
     * policy), counted from {@code modification}; does not load the session.
     *
     * @param modification when the session was (or would be) last saved
     * @param expiry       a per-session expiry as {@link #setExpiry} stores it, or null
     * @return the seconds until that expiry
     */
    long getExpiryAge(Instant modification, Object expiry);

    /** {@return when the session expires if it is saved now} */
    Instant getExpiryDate();

    /**
     * {@return when the session expires if it was saved at {@code modification}}
     *
     * @param modification when the session was (or would be) last saved
     */
    Instant getExpiryDate(Instant modification);

    /**
     * {@return when {@code expiry} (as for {@link #getExpiryAge(Instant, Object)}) ends, from {@code modification}}
     *
     * @param modification when the session was (or would be) last saved
     * @param expiry       a per-session expiry as {@link #setExpiry} stores it, or null
     */
    Instant getExpiryDate(Instant modification, Object expiry);

    /** {@return whether the cookie lasts only until the browser closes} */
    boolean getExpireAtBrowserClose();

    /** {@return whether this request changed the session (so it will be saved and the cookie sent)} */
    boolean isModified();

    /**
     * Marks the session modified (or not). {@code setModified(true)} forces a save, e.g. to refresh
     * the expiry; changes inside stored values are detected without it.
     *
     * @param modified whether the session must be saved at the end of the request
     */
    void setModified(boolean modified);

    /** {@return whether this request read or wrote the session (the response then varies by cookie)} */
    boolean isAccessed();
}
