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

    private final SecretKeySpec hashKey;
    /** Null: logins are not tied to credentials. */
    private final CallerFingerprint fingerprints;

    /**
     * @param secretKey    {@code SECRET_KEY} (may be empty), so that the stored hash reveals nothing of the fingerprint
     * @param fingerprints the application's, or null
     */
    SessionLogin(String secretKey, CallerFingerprint fingerprints) {
        this.fingerprints = fingerprints;
        try {
            // A key of its own, derived from the secret, so that this hash serves no other purpose.
            byte[] key = MessageDigest.getInstance("SHA-256").digest(("org.cloakroom.security.auth-hash" + secretKey).getBytes(UTF_8));
            this.hashKey = new SecretKeySpec(key, HMAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stores the caller in the session and cycles its key (fixation defence); a session that
     * remembered another caller is flushed first, so nothing of theirs carries over.
     */
    void remember(Session session, String name, Set<String> groups) {
        Object previous = session.get(Session.AUTH_USER_NAME_KEY);
        if (previous != null && !previous.equals(name)) {
            session.flush();
        }
        session.put(Session.AUTH_USER_NAME_KEY, name);
        session.put(Session.AUTH_USER_GROUPS_KEY, new ArrayList<>(new TreeSet<>(groups)));
        if (fingerprints != null) {
            session.put(Session.AUTH_USER_HASH_KEY, hash(fingerprints.fingerprint(name)));
        } else {
            session.remove(Session.AUTH_USER_HASH_KEY);
        }
        // After the puts: the new row is created with the caller, which the db engines index.
        session.cycleKey();
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
        return fingerprint != null && stored instanceof String s
                && MessageDigest.isEqual(hash(fingerprint).getBytes(UTF_8), s.getBytes(UTF_8));
    }

    private String hash(String fingerprint) {
        if (fingerprint == null) {
            throw new IllegalStateException("CallerFingerprint returned null for a caller who was just authenticated");
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(hashKey);
            return HexFormat.of().formatHex(mac.doFinal(fingerprint.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
