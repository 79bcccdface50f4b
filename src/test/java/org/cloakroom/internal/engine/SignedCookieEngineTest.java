package org.cloakroom.internal.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.zip.Deflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cloakroom.config.SessionConfigurationException;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.config.Setting;
import org.cloakroom.contract.ContractFixture;
import org.cloakroom.SessionTooLargeException;
import org.cloakroom.internal.http.SessionMiddleware;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.testing.Engines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the {@code signed_cookies} engine adds to the contract: signing, rotation, expiry, size limits. */
class SignedCookieEngineTest extends ContractFixture {

    private static final String SECRET = "engine-test-secret-key-0123456789abcdef";
    private static final String OLD_SECRET = "the-previous-secret-key-0123456789abcdef";
    private static final String OTHER_SECRET = "someone-elses-secret-key-0123456789abcdef";
    private static final String SALT = "org.cloakroom.internal.engine.SignedCookieEngine";
    private static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

    private final Logger suspicious = Logger.getLogger("org.cloakroom.security.SuspiciousSession");
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override public void publish(LogRecord r) { warnings.add(r); }
        @Override public void flush() { }
        @Override public void close() { }
    };

    @Override
    protected SessionEngine createEngine(SessionSettings settings) {
        return Engines.signedCookies(settings.keys().secretKey().isEmpty()
                ? settings.toBuilder().set(Setting.SECRET_KEY, SECRET).build() : settings);
    }

    @Override
    protected void clearStorage() {
    }

    @BeforeEach
    void captureWarnings() {
        suspicious.addHandler(capture);
        suspicious.setUseParentHandlers(false);
    }

    @AfterEach
    void noSecretIsEverLogged() {
        suspicious.removeHandler(capture);
        suspicious.setUseParentHandlers(true);
        for (LogRecord r : warnings) {
            String text = new SimpleFormatter().formatMessage(r);
            for (String secret : List.of(SECRET, OLD_SECRET, OTHER_SECRET)) {
                assertFalse(text.contains(secret), text);
            }
        }
    }

    private SignedCookieEngine engine(String secret, String... fallbacks) {
        return Engines.signedCookies(SessionSettings.builder().clock(clock)
                .set(Setting.SECRET_KEY, secret)
                .set(Setting.SECRET_KEY_FALLBACKS, String.join(",", fallbacks)).build());
    }

    private static String randomText(int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append((char) ('!' + random.nextInt(94)));
        }
        return s.toString().replace("\\", "/").replace("\"", "'");
    }

    /** Signs a body the way the engine documents it, independently of the engine's code. */
    private static String sign(String body, String secret) throws Exception {
        byte[] key = MessageDigest.getInstance("SHA-256").digest((SALT + "signer" + secret).getBytes(UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return body + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(UTF_8)));
    }

    private static String base36(Instant i) {
        return Long.toString(i.getEpochSecond(), 36);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // ---- format and signature ----------------------------------------------------------------

    @Test
    void aSavedValueIsMadeOfCookieOctetsAndComesBackIntact() throws Exception {
        String data = "{\"text\":\"héllo; \\\"world\\\", 1 + 1\"}";
        String value = engine.save(engine.newKey(), data, FAR, true);
        assertTrue(value.matches("\\.?[A-Za-z0-9_-]+(:[A-Za-z0-9_-]+){4}"), value);
        assertTrue(engine.isWellFormedKey(value));
        assertEquals(Optional.of(data), engine.load(value));
        assertTrue(warnings.isEmpty());
    }

    @Test
    void twoSavesOfTheSameDataInTheSameSecondGiveDifferentValues() throws Exception {
        String first = engine.save("k", "{}", FAR, true);
        String second = engine.save("k", "{}", FAR, true);
        assertNotEquals(first, second);
        assertEquals(Optional.of("{}"), engine.load(second));
    }

    @Test
    void changingAnyCharacterOfAValueGivesAnEmptySessionAndOneWarning() throws Exception {
        String small = engine.save("k", "{\"user\":7}", FAR, true);
        String compressed = engine.save("k", "{\"cart\":\"" + "apple,".repeat(200) + "\"}", FAR, true);
        assertTrue(compressed.startsWith("."), compressed);
        for (String value : List.of(small, compressed)) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                String tampered = value.substring(0, i) + (c == 'A' ? 'B' : 'A') + value.substring(i + 1);
                warnings.clear();
                assertEquals(Optional.empty(), engine.load(tampered), "character " + i);
                assertEquals(1, warnings.size(), "character " + i);
                assertEquals(Level.WARNING, warnings.get(0).getLevel());
            }
        }
    }

    @Test
    void everyTruncationOfAValueGivesAnEmptySessionNeverAnError() throws Exception {
        String value = engine.save("k", "{\"user\":7}", FAR, true);
        for (int length = 0; length < value.length(); length++) {
            assertEquals(Optional.empty(), engine.load(value.substring(0, length)), "length " + length);
        }
        assertEquals(value.length(), warnings.size());
    }

    @Test
    void noValueAtAllIsNoSessionNeverAnError() {
        assertEquals(Optional.empty(), engine.load(null));
    }

    @Test
    void aTamperedCookieGivesAnEmptySessionAndTheResponseDeletesIt() {
        String value = saved("user", 7).getSessionKey();
        String tampered = value.replaceFirst(":[^:]+$", ":" + "A".repeat(43));
        BaseSession s = session(tampered);
        assertTrue(s.isEmpty());
        assertNull(s.getSessionKey());
        assertEquals(1, warnings.size());
        SessionMiddleware.Outcome outcome = new SessionMiddleware(settings).finish(s, true, 200);
        assertTrue(outcome.setCookie().startsWith("sessionid=;"), outcome.setCookie());
    }

    @Test
    void aValueSignedWithAnUnknownKeyIsRefused() throws Exception {
        String foreign = engine(OTHER_SECRET).save("k", "{\"admin\":true}", FAR, true);
        assertEquals(Optional.empty(), engine(SECRET, OLD_SECRET).load(foreign));
        assertEquals(1, warnings.size());
    }

    @Test
    void aValidlySignedValueInAnotherShapeIsRefused() throws Exception {
        String threeFields = sign(b64("{}".getBytes(UTF_8)) + ":" + base36(FAR), SECRET);
        assertEquals(Optional.empty(), engine.load(threeFields));
        String badExpiry = sign(b64("{}".getBytes(UTF_8)) + ":not*36:0:AAAAAAAA", SECRET);
        assertEquals(Optional.empty(), engine.load(badExpiry));
        assertEquals(2, warnings.size());
    }

    @Test
    void manySavesOfTheSameDataNeverRepeatAValue() throws Exception {
        Set<String> values = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            assertTrue(values.add(engine.save("k", "{}", FAR, true)), "repeated after " + i + " saves");
        }
    }

    @Test
    void valuesSignedAndVerifiedOnManyThreadsAtOnceAreAllAccepted() throws Exception {
        SignedCookieEngine signer = engine(SECRET, OLD_SECRET);
        String old = engine(OLD_SECRET).save("k", "{\"old\":true}", FAR, true);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> checks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                checks.add(threads.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        String data = "{\"thread\":" + thread + ",\"i\":" + i + "}";
                        // A new engine each time: verified by the signature, not known from the save.
                        SignedCookieEngine verifier = engine(SECRET, OLD_SECRET);
                        if (!verifier.load(signer.save("k", data, FAR, true)).equals(Optional.of(data))
                                || !verifier.load(old).equals(Optional.of("{\"old\":true}"))) {
                            return "thread " + thread + " save " + i;
                        }
                    }
                    return null;
                }));
            }
            for (Future<String> check : checks) {
                assertNull(check.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        assertTrue(warnings.isEmpty());
    }

    @Test
    void aValueSignedAsDocumentedIsAccepted() throws Exception {
        String value = sign(b64("{\"a\":1}".getBytes(UTF_8)) + ":" + base36(FAR) + ":0:AAAAAAAA", SECRET);
        assertEquals(Optional.of("{\"a\":1}"), engine.load(value));
    }

    // ---- key rotation ------------------------------------------------------------------------

    @Test
    void aValueSignedWithAFallbackKeyStillVerifies() throws Exception {
        String signedBeforeRotation = engine(OLD_SECRET).save("k", "{\"user\":7}", FAR, true);
        assertEquals(Optional.of("{\"user\":7}"), engine(SECRET, OLD_SECRET).load(signedBeforeRotation));
        assertEquals(Optional.of("{\"user\":7}"), engine(SECRET, OTHER_SECRET, OLD_SECRET).load(signedBeforeRotation));
    }

    @Test
    void newValuesAreSignedWithTheSecretKeyNeverWithAFallback() throws Exception {
        String value = engine(SECRET, OLD_SECRET).save("k", "{\"user\":7}", FAR, true);
        assertEquals(Optional.of("{\"user\":7}"), engine(SECRET).load(value));
        assertEquals(Optional.empty(), engine(OLD_SECRET).load(value));
    }

    // ---- expiry ------------------------------------------------------------------------------

    @Test
    void aPerSessionExpiryLongerThanTheCookieAgeIsHonoured() {
        BaseSession s = newSession();
        s.put("a", 1);
        s.setExpiry(Duration.ofDays(30));
        s.save();
        clock.advance(Duration.ofDays(20));
        assertEquals(1, nextRequest(s).get("a"));
        clock.advance(Duration.ofDays(10));
        assertTrue(nextRequest(s).isEmpty());
    }

    @Test
    void aPerSessionExpiryIsEnforcedToTheSecond() {
        BaseSession s = newSession();
        s.put("a", 1);
        s.setExpiry(60);
        s.save();
        clock.advance(Duration.ofSeconds(59));
        assertEquals(1, nextRequest(s).get("a"));
        assertTrue(warnings.isEmpty());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(nextRequest(s).isEmpty());
        assertEquals(1, warnings.size());
        assertTrue(new SimpleFormatter().formatMessage(warnings.get(0)).contains("expired"));
    }

    @Test
    void aValueVerifiedBeforeIsStillRefusedOnceItExpires() throws Exception {
        Instant expires = Instant.ofEpochSecond(clock.instant().getEpochSecond() + 60);
        String value = sign(b64("{\"a\":1}".getBytes(UTF_8)) + ":" + base36(expires) + ":0:AAAAAAAA", SECRET);
        assertEquals(Optional.of("{\"a\":1}"), engine.load(value));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(Optional.of("{\"a\":1}"), engine.load(value), "known from the first load");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), engine.load(value));
        assertEquals(1, warnings.size());
    }

    @Test
    void whatOneEngineVerifiedIsNeverAcceptedByAnEngineWithOtherKeys() {
        String value = engine(OTHER_SECRET).save("k", "{\"user\":7}", FAR, true);
        SignedCookieEngine other = engine(OTHER_SECRET);
        assertEquals(Optional.of("{\"user\":7}"), other.load(value));
        assertEquals(Optional.empty(), engine(SECRET).load(value));
        assertEquals(Optional.empty(), engine.load(value));
    }

    @Test
    void withoutCustomExpiryAValueLastsTheCookieAge() {
        configure(b -> b.set(Setting.SESSION_COOKIE_AGE, 600));
        BaseSession s = saved("a", 1);
        clock.advance(Duration.ofSeconds(599));
        assertEquals(1, nextRequest(s).get("a"));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(nextRequest(s).isEmpty());
    }

    @Test
    void flushCannotRevokeAValueAlreadyIssued() {
        BaseSession first = saved("user", 7);
        String issued = first.getSessionKey();
        nextRequest(first).flush();
        assertFalse(engine.exists(issued));
        assertEquals(0, engine.clearExpired());
        assertEquals(7, session(issued).get("user"), "a replayed value is valid until its expiry");
    }

    // ---- compression and size ----------------------------------------------------------------

    @Test
    void repetitiveDataIsCompressedAndTinyDataIsNot() throws Exception {
        String big = "{\"cart\":\"" + "apple,".repeat(500) + "\"}";
        String compressed = engine.save("k", big, FAR, true);
        assertTrue(compressed.startsWith("."));
        assertTrue(compressed.length() < b64(big.getBytes(UTF_8)).length() / 4, compressed);
        assertEquals(Optional.of(big), engine.load(compressed));
        String tiny = engine.save("k", "{}", FAR, true);
        assertTrue(tiny.startsWith(b64("{}".getBytes(UTF_8)) + ":"), tiny);
    }

    @Test
    void dataUnderTheCompressionThresholdIsSentAsItIsEvenWhenItWouldShrink() throws Exception {
        String shortest = "{\"t\":\"" + "a".repeat(CookiePayload.MIN_COMPRESSED_BYTES - 9) + "\"}";
        assertEquals(CookiePayload.MIN_COMPRESSED_BYTES - 1, shortest.length());
        String value = engine.save("k", shortest, FAR, true);
        assertTrue(value.startsWith(b64(shortest.getBytes(UTF_8)) + ":"), value);
        assertEquals(Optional.of(shortest), engine.load(value));
        String longer = shortest.replace("\"t\"", "\"tt\"");
        assertTrue(engine.save("k", longer, FAR, true).startsWith("."), "from the threshold on, it is compressed");
    }

    @Test
    void aCompressedValueOfShortDataStillLoads() throws Exception {
        // Values issued before the threshold existed compressed any data that shrank.
        String data = "{\"name\":\"visitor\",\"visits\":42,\"tags\":[\"a\",\"b\",\"c\"],\"n\":7}";
        Deflater deflater = new Deflater();
        deflater.setInput(data.getBytes(UTF_8));
        deflater.finish();
        byte[] out = new byte[256];
        int n = deflater.deflate(out);
        deflater.end();
        String older = sign("." + b64(java.util.Arrays.copyOf(out, n)) + ":" + base36(FAR) + ":0:AAAAAAAA", SECRET);
        assertEquals(Optional.of(data), engine.load(older));
        assertFalse(engine.save("k", data, FAR, true).startsWith("."), "saved again, it is sent as it is");
    }

    @Test
    void compressionIsChosenExactlyWhenItSavesMoreThanItsMarker() throws Exception {
        java.util.Random random = new java.util.Random(42);
        int compressed = 0;
        for (int length = 0; length < 400; length += 7) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                // Half repetitive, half random: around the break-even point of compression.
                text.append(i % 2 == 0 ? 'a' : (char) ('a' + random.nextInt(26)));
            }
            String data = "{\"t\":\"" + text + "\"}";
            byte[] raw = data.getBytes(UTF_8);
            Deflater deflater = new Deflater();
            deflater.setInput(raw);
            deflater.finish();
            byte[] out = new byte[raw.length + 64];
            int n = deflater.deflate(out);
            deflater.end();
            String value = engine.save("k", data, FAR, true);
            String field = value.substring(0, value.indexOf(':'));
            if (raw.length >= CookiePayload.MIN_COMPRESSED_BYTES
                    && b64(java.util.Arrays.copyOf(out, n)).length() + 1 < b64(raw).length()) {
                assertEquals("." + b64(java.util.Arrays.copyOf(out, n)), field, data);
                compressed++;
            } else {
                assertEquals(b64(raw), field, data);
            }
            assertEquals(Optional.of(data), engine.load(value), data);
        }
        assertTrue(compressed > 5 && compressed < 55, "both encodings were exercised: " + compressed);
    }

    @Test
    void dataOfExactlyTheLimitInflatesBackWhole() throws Exception {
        String data = "{\"a\":\"" + "ab".repeat((SignedCookieEngine.MAX_DATA_BYTES - 8) / 2) + "\"}";
        assertEquals(SignedCookieEngine.MAX_DATA_BYTES, data.length());
        assertEquals(Optional.of(data), engine.load(engine.save("k", data, FAR, true)));
    }

    @Test
    void aSignedPayloadThatInflatesBeyondTheLimitIsRefused() throws Exception {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] zeros = new byte[10 * 1024 * 1024];
        deflater.setInput(zeros);
        deflater.finish();
        byte[] out = new byte[64 * 1024];
        int n = deflater.deflate(out);
        assertTrue(deflater.finished());
        deflater.end();
        byte[] bomb = java.util.Arrays.copyOf(out, n);
        assertEquals(Optional.empty(), engine.load(sign("." + b64(bomb) + ":" + base36(FAR) + ":0:AAAAAAAA", SECRET)));
        assertEquals(1, warnings.size());
        assertTrue(new SimpleFormatter().formatMessage(warnings.get(0)).contains("inflates beyond"));
    }

    @Test
    void dataBeyondTheInflationLimitIsRefusedWhenSaved() {
        String data = "{\"a\":\"" + "a".repeat(SignedCookieEngine.MAX_DATA_BYTES) + "\"}";
        SessionTooLargeException e = assertThrows(SessionTooLargeException.class, () -> engine.save("k", data, FAR, true));
        assertTrue(e.getMessage().contains(String.valueOf(SignedCookieEngine.MAX_DATA_BYTES)), e.getMessage());
    }

    @Test
    void aSessionTooLargeForACookieFailsTheSaveWithItsSize() {
        BaseSession s = newSession();
        s.put("big", randomText(5000));
        SessionTooLargeException e = assertThrows(SessionTooLargeException.class, s::save);
        assertTrue(e.getMessage().matches("The session cookie would be \\d{4,} bytes .*"), e.getMessage());
        assertTrue(e.getMessage().contains("at most 4096"), e.getMessage());
        assertTrue(e.getMessage().contains("server-side engine"), e.getMessage());
    }

    @Test
    void theLimitCountsTheCookieNameAndTheValue() throws Exception {
        String data = "{\"a\":\"" + randomText(2000) + "\"}";
        int valueLength = engine.save("k", data, FAR, true).length();
        String fits = "n".repeat(4096 - valueLength);
        configure(b -> b.set(Setting.SESSION_COOKIE_NAME, fits));
        assertEquals(valueLength, engine.save("k", data, FAR, true).length());
        configure(b -> b.set(Setting.SESSION_COOKIE_NAME, fits + "n"));
        assertThrows(SessionTooLargeException.class, () -> engine.save("k", data, FAR, true));
    }

    // ---- shape check -------------------------------------------------------------------------

    @Test
    void onlyValuesShapedLikeTheEnginesAreWellFormed() throws Exception {
        assertTrue(engine.isWellFormedKey(engine.save("k", "{}", FAR, true)));
        assertTrue(engine.isWellFormedKey(".abc:1:2:3:4"), "shape only: the signature is checked on load");
        for (String bad : new String[] {null, "", engine.newKey(), "abc:1:2:3", "abc:1:2:3:4:5", "a.bc:1:2:3:4",
                "abc=:1:2:3:4", "ab c:1:2:3:4", "ab;c:1:2:3:4", "ab\"c:1:2:3:4", "ab,c:1:2:3:4",
                "a".repeat(4093) + ":1:2:3:4"}) {
            assertFalse(engine.isWellFormedKey(bad), bad);
        }
    }

    // ---- configuration -----------------------------------------------------------------------

    @Test
    void aSecretKeyShorterThan32BytesFailsDeploymentWithoutRevealingIt() {
        String shortKey = "only-thirty-one-bytes-long-key!";
        assertEquals(31, shortKey.length());
        SessionConfigurationException e = assertThrows(SessionConfigurationException.class,
                () -> engine(shortKey).checkConfiguration());
        assertEquals("Invalid setting SECRET_KEY (secret.key): the signed_cookies engine needs a secret key "
                + "of at least 32 bytes", e.getMessage());
        SessionConfigurationException unset = assertThrows(SessionConfigurationException.class,
                () -> Engines.signedCookies(SessionSettings.defaults()).checkConfiguration());
        assertTrue(unset.getMessage().endsWith("at least 32 bytes (it is not set)"), unset.getMessage());
        engine(shortKey + "!").checkConfiguration();
    }

    @Test
    void theSecretKeyLengthIsCountedInUtf8Bytes() {
        engine("é".repeat(16)).checkConfiguration();
        assertThrows(SessionConfigurationException.class, () -> engine("é".repeat(15) + "a").checkConfiguration());
    }

    @Test
    void aWeakFallbackKeyFailsDeploymentWithoutRevealingIt() {
        SessionConfigurationException e = assertThrows(SessionConfigurationException.class,
                () -> engine(SECRET, OLD_SECRET, "old-and-short").checkConfiguration());
        assertTrue(e.getMessage().startsWith("Invalid setting SECRET_KEY_FALLBACKS (secret.key.fallbacks): key 2 of 2 "),
                e.getMessage());
        assertFalse(e.getMessage().contains("old-and-short"));
        assertFalse(e.getMessage().contains(OLD_SECRET));
    }

    @Test
    void anEngineWithAWeakKeyNeitherSignsNorVerifies() throws Exception {
        String value = engine.save("k", "{}", FAR, true);
        SignedCookieEngine weak = engine("");
        assertThrows(SessionConfigurationException.class, () -> weak.save("k", "{}", FAR, true));
        assertThrows(SessionConfigurationException.class, () -> weak.load(value));
    }
}
