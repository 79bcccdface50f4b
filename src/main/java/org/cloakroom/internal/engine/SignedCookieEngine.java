package org.cloakroom.internal.engine;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cloakroom.SessionTooLargeException;
import org.cloakroom.config.CookieSettings;
import org.cloakroom.config.EngineNames;
import org.cloakroom.config.SessionClock;
import org.cloakroom.config.Setting;
import org.cloakroom.config.SigningKeys;
import org.cloakroom.spi.Loaded;
import org.cloakroom.spi.SessionEngine;

/**
 * {@code SESSION_ENGINE=signed_cookies}: the session data travels in the cookie itself, signed but
 * <em>not encrypted</em> (Django's {@code signed_cookies} backend). Nothing is stored on the server.
 *
 * <p>A cookie value is {@code [.]PAYLOAD:EXPIRY:TIMESTAMP:NONCE:SIGNATURE}. PAYLOAD is the session's
 * JSON in unpadded base64url, zlib-compressed and marked by the leading {@code .} when the JSON is
 * at least {@value CookiePayload#MIN_COMPRESSED_BYTES} bytes and that makes it shorter; EXPIRY and TIMESTAMP are epoch seconds in base 36 (when the session expires, when the
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
 * the cookie exceed {@value #MAX_COOKIE_BYTES} bytes fails with {@link SessionTooLargeException}
 * rather than being dropped by the browser.
 */
@ApplicationScoped
@EngineName(EngineNames.SIGNED_COOKIES)
public class SignedCookieEngine implements SessionEngine {

    /** The most browsers keep of a cookie's name and value together. */
    public static final int MAX_COOKIE_BYTES = 4096;
    /** The most session data accepted, before compression: a compressed value cannot inflate beyond it. */
    public static final int MAX_DATA_BYTES = 64 * 1024;
    /** The shortest {@code SECRET_KEY} (and fallback) accepted, in UTF-8 bytes. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final String ADVICE = "Store less in the session, or use a server-side engine "
            + "(SESSION_ENGINE=db, cache, cached_db or file).";
    private static final Logger SUSPICIOUS = Logger.getLogger("org.cloakroom.security.SuspiciousSession");

    private SigningKeys keys;
    private String cookieName;
    private Clock clock;
    private CookieSigner signer;
    /** Values signed or verified here lately; the keys are fixed for the engine's life, so they stay valid. */
    private final VerifiedValues verified = new VerifiedValues();
    /** The keys passed {@link #checkConfiguration()}: they never change, so no request checks them again. */
    private volatile boolean keysChecked;

    /** For CDI's proxies only. */
    protected SignedCookieEngine() {
    }

    @Inject
    public SignedCookieEngine(SigningKeys keys, CookieSettings cookie, @SessionClock Clock clock) {
        this.keys = keys;
        this.cookieName = cookie.name();
        this.clock = clock;
        this.signer = new CookieSigner(keys.secretKey(), keys.fallbacks(), MAX_DATA_BYTES);
    }

    /** The data, or empty if the value is not validly signed, cannot be decoded or has expired. */
    @Override
    public Optional<String> load(String value) {
        checkConfiguration();
        Instant now = now();
        String known = verified.data(value, now);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            CookieSigner.Opened opened = signer.open(value, now);
            String data = new String(opened.data(), UTF_8);
            verified.remember(value, data, opened.expiresEpochSecond());
            return Optional.of(data);
        } catch (CookieSigner.Refused refused) {
            SUSPICIOUS.log(Level.WARNING, "Session cookie refused, starting an empty session: {0}",
                    refused.getMessage());
            return Optional.empty();
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
     * @throws SessionTooLargeException if the value would not fit in a cookie
     */
    @Override
    public String save(String key, String data, Instant expireDate, boolean mustCreate) {
        checkConfiguration();
        byte[] raw = data.getBytes(UTF_8);
        if (raw.length > MAX_DATA_BYTES) {
            throw new SessionTooLargeException("The session data is " + raw.length + " bytes and the signed_cookies "
                    + "engine accepts at most " + MAX_DATA_BYTES + " before compression. " + ADVICE);
        }
        String value = signer.sign(raw, expireDate, now());
        int size = cookieName.length() + value.length();
        if (size > MAX_COOKIE_BYTES) {
            throw new SessionTooLargeException("The session cookie would be " + size + " bytes (name and signed "
                    + "value) and browsers keep at most " + MAX_COOKIE_BYTES + "; they would drop it silently. "
                    + ADVICE);
        }
        // The visitor's next request sends it back: known, it skips the verification.
        verified.remember(value, data, expireDate.getEpochSecond());
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
        return value != null && !value.isEmpty() && value.length() <= MAX_COOKIE_BYTES
                && CookieSigner.isWellFormed(value);
    }

    /** Refuses a {@code SECRET_KEY} or fallback shorter than {@value #MIN_SECRET_BYTES} bytes. */
    @Override
    public void checkConfiguration() {
        if (keysChecked) {
            return;
        }
        if (keys.secretKey().getBytes(UTF_8).length < MIN_SECRET_BYTES) {
            throw Setting.SECRET_KEY.invalid(null, "the signed_cookies engine needs a secret key of at least "
                    + MIN_SECRET_BYTES + " bytes" + (keys.secretKey().isEmpty() ? " (it is not set)" : ""));
        }
        List<String> fallbacks = keys.fallbacks();
        for (int i = 0; i < fallbacks.size(); i++) {
            if (fallbacks.get(i).getBytes(UTF_8).length < MIN_SECRET_BYTES) {
                // A fallback verifies cookies just as SECRET_KEY does, so a weak one allows forgery as easily.
                throw Setting.SECRET_KEY_FALLBACKS.invalid(null, "key " + (i + 1) + " of " + fallbacks.size()
                        + " is shorter than " + MIN_SECRET_BYTES + " bytes; the signed_cookies engine accepts "
                        + "every fallback for verifying, so each must be as strong as SECRET_KEY");
            }
        }
        keysChecked = true;
    }

    private Instant now() {
        return Instant.now(clock);
    }
}
