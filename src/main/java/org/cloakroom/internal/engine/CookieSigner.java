package org.cloakroom.internal.engine;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.cloakroom.internal.engine.CookiePayload.BASE64;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and opens the values of {@link SignedCookieEngine}, in the format that class describes:
 * HMAC-SHA256 under keys derived from the secret (which signs) and its fallbacks (which only verify).
 */
final class CookieSigner {

    /** Part of every derived key: changing it would invalidate every cookie already issued. */
    private static final String SALT = "org.cloakroom.internal.engine.SignedCookieEngine";
    private static final int NONCE_BYTES = 6;
    private static final int SEPARATORS = 4;
    private static final Nonces NONCES = new Nonces();

    /** The signing key first, then the fallbacks in order. */
    private final List<Key> keys;
    private final int maxDataBytes;

    /** Why a value was not accepted, in words for the log. */
    static final class Refused extends Exception {
        Refused(String why) {
            super(why, null, false, false);
        }
    }

    CookieSigner(String secret, List<String> fallbacks, int maxDataBytes) {
        List<Key> derived = new ArrayList<>();
        derived.add(new Key(derive(secret)));
        fallbacks.forEach(fallback -> derived.add(new Key(derive(fallback))));
        this.keys = List.copyOf(derived);
        this.maxDataBytes = maxDataBytes;
    }

    /** A new value for {@code raw}, signed with the secret (never a fallback). */
    String sign(byte[] raw, Instant expiry, Instant now) {
        byte[] nonce = NONCES.next();
        String body = CookiePayload.encode(raw) + ':' + Long.toString(expiry.getEpochSecond(), 36)
                + ':' + Long.toString(now.getEpochSecond(), 36) + ':' + BASE64.encodeToString(nonce);
        byte[] bodyBytes = body.getBytes(UTF_8);
        return body + ':' + new String(signature(bodyBytes, bodyBytes.length, keys.get(0)), US_ASCII);
    }

    /** What a validly signed value carries: its data and when it expires (epoch seconds). */
    record Opened(byte[] data, long expiresEpochSecond) {
    }

    /**
     * The data of a value signed with the secret or a fallback that has not expired by {@code now}.
     * Read from one byte copy of the value: no substrings of the data, however large.
     *
     * @throws Refused saying why the value is not accepted
     */
    Opened open(String value, Instant now) throws Refused {
        byte[] bytes = value == null ? new byte[0] : value.getBytes(UTF_8);
        int last = lastSeparator(bytes, bytes.length);
        if (last < 0 || !signatureMatches(bytes, last)) {
            throw new Refused("its signature does not match (tampered with, truncated or signed with an unknown key)");
        }
        // The signed part is DATA:EXPIRY:TIMESTAMP:NONCE, so exactly three separators before the last.
        int nonce = lastSeparator(bytes, last);
        int timestamp = lastSeparator(bytes, nonce);
        int expiry = lastSeparator(bytes, timestamp);
        if (expiry < 0 || lastSeparator(bytes, expiry) >= 0) {
            throw new Refused("it is not in this engine's format");
        }
        try {
            String expiryField = new String(bytes, expiry + 1, timestamp - expiry - 1, US_ASCII);
            Instant expires = Instant.ofEpochSecond(Long.parseLong(expiryField, 36));
            if (!now.isBefore(expires)) {
                throw new Refused("it expired at " + expires);
            }
            return new Opened(CookiePayload.decode(bytes, expiry, maxDataBytes), expires.getEpochSecond());
        } catch (IllegalArgumentException | DateTimeException | DataFormatException e) {
            throw new Refused("its content cannot be decoded (" + e.getMessage() + ")");
        }
    }

    /** The index of the last {@code :} before {@code end}, or -1. */
    private static int lastSeparator(byte[] bytes, int end) {
        for (int i = end - 1; i >= 0; i--) {
            if (bytes[i] == ':') {
                return i;
            }
        }
        return -1;
    }

    /** A shape check only (alphabet, separators); the signature is checked by {@link #open}. */
    static boolean isWellFormed(String value) {
        int separators = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ':') {
                separators++;
            } else if (!CookiePayload.fits(c, i)) {
                return false;
            }
        }
        return separators == SEPARATORS;
    }

    private static Mac derive(String secret) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256").digest((SALT + "signer" + secret).getBytes(UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 or HmacSHA256 is missing from this Java runtime", e);
        }
    }

    /** The signature of the first {@code length} bytes of {@code body}, as the ASCII bytes of its unpadded base64url. */
    private static byte[] signature(byte[] body, int length, Key key) {
        Mac mac = key.take();
        mac.update(body, 0, length);
        // doFinal leaves the MAC reset and keyed, ready for the next value; one that threw is dropped.
        byte[] signature = BASE64.encode(mac.doFinal());
        key.give(mac);
        return signature;
    }

    /** Whether what follows {@code last} in {@code value} signs what precedes it, under the secret or a fallback. */
    private boolean signatureMatches(byte[] value, int last) {
        byte[] given = Arrays.copyOfRange(value, last + 1, value.length);
        for (Key key : keys) {
            // Comparing the encoded text, not decoded bytes: base64 decoders ignore some trailing bits.
            // MessageDigest.isEqual takes the same time wherever the first difference is.
            if (MessageDigest.isEqual(signature(value, last, key), given)) {
                return true;
            }
        }
        return false;
    }

    /** A keyed MAC, and instances of it kept for reuse. */
    private record Key(Mac prototype, RecentFirstPool<Mac> idle) {
        Key(Mac prototype) {
            this(prototype, new RecentFirstPool<>());
        }

        /** A MAC keyed with this key, for one thread until it is given back. */
        Mac take() {
            Mac mac = idle.take();
            if (mac != null) {
                return mac;
            }
            try {
                // A clone of the keyed prototype: far cheaper than looking the algorithm up and keying it.
                return (Mac) prototype.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("This Java runtime's HmacSHA256 cannot be cloned", e);
            }
        }

        void give(Mac mac) {
            idle.give(mac);
        }
    }

    /**
     * Nonces from {@link SecureRandom}, drawn a few hundred bytes at a time: asked for six bytes,
     * the platform's generator spent more on the call (a lock, a buffer check, a hash of its own
     * state) than on the bytes, about a microsecond per signed save. They need only be unique;
     * being public in the cookie, they are not secrets to guard in memory.
     */
    private static final class Nonces {
        private final SecureRandom random = new SecureRandom();
        private final byte[] pool = new byte[NONCE_BYTES * 64];
        private int next = pool.length;

        synchronized byte[] next() {
            if (next == pool.length) {
                random.nextBytes(pool);
                next = 0;
            }
            byte[] nonce = Arrays.copyOfRange(pool, next, next + NONCE_BYTES);
            next += NONCE_BYTES;
            return nonce;
        }
    }
}
