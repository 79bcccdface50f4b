package org.cloakroom.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cloakroom.Session;

/**
 * The login rules on a session, without a container (Django's {@code login()} and
 * {@code get_user()}): what is stored at login, and what a later request must find to be
 * re-established as that caller.
 */
final class SessionLogin {

    private static final Logger SUSPICIOUS = Logger.getLogger("org.cloakroom.security.SuspiciousSession");
    private static final String HMAC = "HmacSHA256";

    /** A caller as the session remembers them. */
    record Caller(String name, Set<String> groups) {
    }

    /** The key hashes are made with, then those still accepted (from {@code SECRET_KEY_FALLBACKS}). */
    private final List<SecretKeySpec> hashKeys;
    /** Null: logins are not tied to credentials. */
    private final CallerFingerprint fingerprints;

    /**
     * @param secretKey    {@code SECRET_KEY}, so that the stored hash reveals nothing of the fingerprint
     * @param fallbacks    {@code SECRET_KEY_FALLBACKS}: a login hashed under one of them still holds,
     *                     so rotating the secret logs nobody out
     * @param fingerprints the application's, or null
     */
    SessionLogin(String secretKey, List<String> fallbacks, CallerFingerprint fingerprints) {
        this.fingerprints = fingerprints;
        List<SecretKeySpec> keys = new ArrayList<>();
        keys.add(hashKey(secretKey));
        fallbacks.forEach(f -> keys.add(hashKey(f)));
        this.hashKeys = List.copyOf(keys);
    }

    /** A key of its own, derived from the secret, so that this hash serves no other purpose. */
    private static SecretKeySpec hashKey(String secret) {
        try {
            return new SecretKeySpec(MessageDigest.getInstance("SHA-256")
                    .digest(("org.cloakroom.security.auth-hash" + secret).getBytes(UTF_8)), HMAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stores the caller in the session and cycles its key (fixation defence); a session that
     * remembered another caller is flushed first, so nothing of theirs carries over. False, and
     * the session untouched, when the fingerprint knows no such caller: the login is refused.
     */
    boolean remember(Session session, String name, Set<String> groups) {
        String hash = null;
        if (fingerprints != null) {
            String fingerprint = fingerprints.fingerprint(name);
            if (fingerprint == null) {
                return false;
            }
            hash = hash(fingerprint, hashKeys.get(0));
        }
        Object previous = session.get(Session.AUTH_USER_NAME_KEY);
        if (previous != null && !previous.equals(name)) {
            session.flush();
        }
        session.put(Session.AUTH_USER_NAME_KEY, name);
        session.put(Session.AUTH_USER_GROUPS_KEY, new ArrayList<>(new TreeSet<>(groups)));
        if (hash != null) {
            session.put(Session.AUTH_USER_HASH_KEY, hash);
        } else {
            session.remove(Session.AUTH_USER_HASH_KEY);
        }
        // After the puts: the new row is created with the caller, which the db engines index.
        session.cycleKey();
        return true;
    }

    /**
     * The caller the session remembers, or null (anonymous). A session whose login no longer
     * matches the caller's credentials is flushed; one whose login does not decode is logged on
     * {@code org.cloakroom.security.SuspiciousSession} and treated as anonymous.
     */
    Caller remembered(Session session) {
        Object name = session.get(Session.AUTH_USER_NAME_KEY);
        if (name == null) {
            return null;
        }
        Object groups = session.get(Session.AUTH_USER_GROUPS_KEY);
        if (!(name instanceof String caller) || caller.isEmpty() || !(groups instanceof List<?> list)
                || !list.stream().allMatch(String.class::isInstance)) {
            SUSPICIOUS.log(Level.WARNING, "A session claims a caller in a form Cloakroom never stores; treated as anonymous");
            return null;
        }
        if (fingerprints != null && !matches(fingerprints.fingerprint(caller), session.get(Session.AUTH_USER_HASH_KEY))) {
            // Django's verify_session: the credentials changed since this login.
            session.flush();
            return null;
        }
        Set<String> set = new TreeSet<>();
        list.forEach(g -> set.add((String) g));
        return new Caller(caller, set);
    }

    private boolean matches(String fingerprint, Object stored) {
        if (fingerprint == null || !(stored instanceof String s)) {
            return false;
        }
        boolean matched = false;
        for (SecretKeySpec key : hashKeys) {
            // Every key is tried, so that the time taken does not tell which one matched.
            matched |= MessageDigest.isEqual(hash(fingerprint, key).getBytes(UTF_8), s.getBytes(UTF_8));
        }
        return matched;
    }

    private static String hash(String fingerprint, SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(fingerprint.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
