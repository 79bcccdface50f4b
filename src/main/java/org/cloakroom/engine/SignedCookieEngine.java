package org.cloakroom.engine;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cloakroom.config.SessionConfigurationException;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.config.Setting;

/**
 * {@code SESSION_ENGINE=signed_cookies}: the session data travels in the cookie itself, signed but
 * <em>not encrypted</em> (Django's {@code signed_cookies} backend). Nothing is stored on the server.
 *
 * <p>A cookie value is {@code [.]PAYLOAD:EXPIRY:TIMESTAMP:NONCE:SIGNATURE}. PAYLOAD is the session's
 * JSON in unpadded base64url, zlib-compressed and marked by the leading {@code .} when that makes
 * it shorter; EXPIRY and TIMESTAMP are epoch seconds in base 36 (when the session expires, when the
 * value was signed); NONCE is 48 random bits, so that no two saves give the same value; SIGNATURE is
 * the unpadded base64url HMAC-SHA256 of everything before it, under a key derived from
 * {@code SECRET_KEY} and a salt used for nothing else. New values are always signed with
 * {@code SECRET_KEY}; {@code SECRET_KEY_FALLBACKS} are also accepted when verifying.
 *
 * <p>The embedded expiry alone decides whether a value is still good, so a per-session expiry set
 * with {@code setExpiry} is honoured whether it is shorter or longer than
 * {@code SESSION_COOKIE_AGE}. The timestamp is informational. A value with a bad signature, in an
 * unknown format or past its expiry loads as an empty session and logs one warning on
 * {@code org.cloakroom.security.SuspiciousSession}; it never causes an error.
 *
 * <p>Limits, by design: the client can read the data; an old value stays valid until its expiry
 * (replay), and nothing can revoke it from the server, not even a logout. A session that would make
 * the cookie exceed {@value #MAX_COOKIE_BYTES} bytes fails with {@link CookieTooLargeException}
 * rather than being dropped by the browser.
 */
@ApplicationScoped
@EngineName("signed_cookies")
public class SignedCookieEngine implements SessionEngine {

    /** The most browsers keep of a cookie's name and value together. */
    public static final int MAX_COOKIE_BYTES = 4096;
    /** The most session data accepted, before compression: a compressed value cannot inflate beyond it. */
    public static final int MAX_DATA_BYTES = 64 * 1024;
    /** The shortest {@code SECRET_KEY} (and fallback) accepted, in UTF-8 bytes. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final String SALT = "org.cloakroom.engine.SignedCookieEngine";
    private static final Logger SUSPICIOUS = Logger.getLogger("org.cloakroom.security.SuspiciousSession");
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 6;
    private static final int SEPARATORS = 4;

    private SessionSettings settings;
    /** A MAC initialized with each key, the signing key first, then the fallbacks in order; cloned per use. */
    private List<Mac> keys;
    /** Why the configured keys are unusable, or null. */
    private String weakness;

    /** For CDI's proxies only. */
    protected SignedCookieEngine() {
    }

    @Inject
    public SignedCookieEngine(SessionSettings settings) {
        this.settings = settings;
        List<Mac> derived = new ArrayList<>();
        derived.add(derive(settings.secretKey()));
        settings.secretKeyFallbacks().forEach(fallback -> derived.add(derive(fallback)));
        this.keys = List.copyOf(derived);
        this.weakness = weakness(settings);
    }

    /** The data, or empty if the value is not validly signed, cannot be decoded or has expired. */
    @Override
    public Optional<String> load(String value) {
        checkConfiguration();
        int last = value == null ? -1 : value.lastIndexOf(':');
        if (last < 0 || !signatureMatches(value.substring(0, last), value.substring(last + 1))) {
            return rejected("its signature does not match (tampered with, truncated or signed with an unknown key)");
        }
        String[] fields = value.substring(0, last).split(":", -1);
        if (fields.length != SEPARATORS) {
            return rejected("it is not in this engine's format");
        }
        try {
            Instant expiry = Instant.ofEpochSecond(Long.parseLong(fields[1], 36));
            if (!now().isBefore(expiry)) {
                return rejected("it expired at " + expiry);
            }
            return Optional.of(new String(decodePayload(fields[0]), UTF_8));
        } catch (IllegalArgumentException | DateTimeException | DataFormatException e) {
            return rejected("its content cannot be decoded (" + e.getMessage() + ")");
        }
    }

    /** Always false: nothing is stored on the server. */
    @Override
    public boolean exists(String key) {
        return false;
    }

    /**
     * Signs {@code data} with its expiry; {@code key} and {@code mustCreate} play no part.
     *
     * @return the cookie value
     * @throws CookieTooLargeException if the value would not fit in a cookie
     */
    @Override
    public String save(String key, String data, Instant expireDate, boolean mustCreate) {
        checkConfiguration();
        byte[] raw = data.getBytes(UTF_8);
        if (raw.length > MAX_DATA_BYTES) {
            throw new CookieTooLargeException("The session data is " + raw.length + " bytes and the signed_cookies "
                    + "engine accepts at most " + MAX_DATA_BYTES + " before compression. " + CookieTooLargeException.ADVICE);
        }
        String payload = BASE64.encodeToString(raw);
        byte[] deflated = deflate(raw);
        // The marker costs a character, so compression must save more than that.
        if (base64Length(deflated.length) + 1 < payload.length()) {
            payload = "." + BASE64.encodeToString(deflated);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        String body = payload + ':' + Long.toString(expireDate.getEpochSecond(), 36)
                + ':' + Long.toString(now().getEpochSecond(), 36) + ':' + BASE64.encodeToString(nonce);
        String value = body + ':' + signature(body, keys.get(0));
        int size = settings.cookieName().length() + value.length();
        if (size > MAX_COOKIE_BYTES) {
            throw new CookieTooLargeException("The session cookie would be " + size + " bytes (name and signed "
                    + "value) and browsers keep at most " + MAX_COOKIE_BYTES + "; they would drop it silently. "
                    + CookieTooLargeException.ADVICE);
        }
        return value;
    }

    /** Nothing to delete: the browser drops the cookie. An old value stays valid until its expiry. */
    @Override
    public void delete(String key) {
    }

    /**
     * No compare-and-set is possible: the data lives in the browser, which keeps only the last
     * cookie it receives. Two concurrent requests that both change the session: the last response wins.
     */
    @Override
    public Optional<String> replace(String key, Loaded expected, String data, Instant expireDate) {
        return Optional.of(save(key, data, expireDate, false));
    }

    /** Always 0: expired values are refused when they come back and never stored. */
    @Override
    public long clearExpired() {
        return 0;
    }

    /** A shape check only (alphabet, separators, length); the signature is checked by {@link #load}. */
    @Override
    public boolean isWellFormedKey(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_COOKIE_BYTES) {
            return false;
        }
        int separators = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ':') {
                separators++;
            } else if (c == '.' ? i != 0 : !isBase64Url(c)) {
                return false;
            }
        }
        return separators == SEPARATORS;
    }

    /** Refuses a {@code SECRET_KEY} or fallback shorter than {@value #MIN_SECRET_BYTES} bytes. */
    @Override
    public void checkConfiguration() {
        if (weakness != null) {
            throw new SessionConfigurationException(weakness);
        }
    }

    private static String weakness(SessionSettings settings) {
        if (settings.secretKey().getBytes(UTF_8).length < MIN_SECRET_BYTES) {
            return "Invalid setting " + Setting.SECRET_KEY + ": the signed_cookies engine needs a secret key of at least "
                    + MIN_SECRET_BYTES + " bytes" + (settings.secretKey().isEmpty() ? " (it is not set)" : "");
        }
        List<String> fallbacks = settings.secretKeyFallbacks();
        for (int i = 0; i < fallbacks.size(); i++) {
            if (fallbacks.get(i).getBytes(UTF_8).length < MIN_SECRET_BYTES) {
                // A fallback verifies cookies just as SECRET_KEY does, so a weak one allows forgery as easily.
                return "Invalid setting " + Setting.SECRET_KEY_FALLBACKS + ": key " + (i + 1) + " of " + fallbacks.size()
                        + " is shorter than " + MIN_SECRET_BYTES + " bytes; the signed_cookies engine accepts "
                        + "every fallback for verifying, so each must be as strong as SECRET_KEY";
            }
        }
        return null;
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

    private static String signature(String body, Mac key) {
        Mac mac;
        try {
            // A clone of the keyed prototype: far cheaper than looking the algorithm up and keying it per cookie.
            mac = (Mac) key.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("This Java runtime's HmacSHA256 cannot be cloned", e);
        }
        return BASE64.encodeToString(mac.doFinal(body.getBytes(UTF_8)));
    }

    private boolean signatureMatches(String body, String given) {
        byte[] givenBytes = given.getBytes(UTF_8);
        for (Mac key : keys) {
            // Comparing the encoded text, not decoded bytes: base64 decoders ignore some trailing bits.
            if (MessageDigest.isEqual(signature(body, key).getBytes(US_ASCII), givenBytes)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] decodePayload(String field) throws DataFormatException {
        boolean compressed = field.startsWith(".");
        byte[] bytes = Base64.getUrlDecoder().decode(compressed ? field.substring(1) : field);
        if (!compressed) {
            return bytes;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(bytes);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated compressed data");
                }
                out.write(chunk, 0, n);
                // Only a holder of the key can sign a bomb, but an inflated size is cheap to bound.
                if (out.size() > MAX_DATA_BYTES) {
                    throw new DataFormatException("inflates beyond " + MAX_DATA_BYTES + " bytes");
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static int base64Length(int bytes) {
        return (bytes * 4 + 2) / 3;
    }

    private static boolean isBase64Url(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    private static Optional<String> rejected(String why) {
        SUSPICIOUS.log(Level.WARNING, "Session cookie refused, starting an empty session: {0}", why);
        return Optional.empty();
    }

    private Instant now() {
        return Instant.now(settings.clock());
    }

    /**
     * The session does not fit in a cookie. Raised when the session is saved, so the request fails
     * (a 500) instead of the browser silently dropping the cookie and, with it, the session.
     */
    public static class CookieTooLargeException extends IllegalStateException {

        static final String ADVICE = "Store less in the session, or use a server-side engine "
                + "(SESSION_ENGINE=db, cache, cached_db or file).";

        public CookieTooLargeException(String message) {
            super(message);
        }
    }
}
