package org.cloakroom.internal.engine;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The data field of a signed cookie: unpadded base64url of the bytes, or of their zlib compression
 * marked by a leading {@code .} when the data is at least {@value #MIN_COMPRESSED_BYTES} bytes and
 * that is shorter.
 */
final class CookiePayload {

    static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    /**
     * Shorter data is sent as it is: zlib saves about a tenth of a small session's JSON, a dozen
     * characters, and would cost every save a reset of 64 KB of deflater state and every read an
     * inflate, several microseconds each on a busy server.
     */
    static final int MIN_COMPRESSED_BYTES = 128;
    private static final String COMPRESSED = ".";
    /**
     * zlib streams kept for reuse: a new deflater allocates about 256 KB of native state and
     * registers a cleaner, and every signed session that is saved compresses once.
     */
    private static final RecentFirstPool<Deflater> DEFLATERS = new RecentFirstPool<>();
    private static final RecentFirstPool<Inflater> INFLATERS = new RecentFirstPool<>();

    /** Looked up rather than compared: every request that carries a signed cookie checks each of its characters. */
    private static final boolean[] BASE64URL = new boolean[128];

    static {
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".chars().forEach(c -> BASE64URL[c] = true);
    }

    private CookiePayload() {
    }

    static String encode(byte[] raw) {
        if (raw.length < MIN_COMPRESSED_BYTES) {
            return BASE64.encodeToString(raw);
        }
        int plainLength = base64Length(raw.length);
        // The marker costs a character, so compression must save more than that; deflating into a
        // buffer of that size gives up as soon as it cannot, and allocates nothing else.
        byte[] deflated = new byte[Math.max(0, (plainLength - COMPRESSED.length() - 1) * 3 / 4)];
        int length = deflate(raw, deflated);
        if (length >= 0) {
            return COMPRESSED + BASE64.encodeToString(Arrays.copyOf(deflated, length));
        }
        return BASE64.encodeToString(raw);
    }

    /**
     * The bytes of the field that is the first {@code length} bytes of {@code value}.
     *
     * @param maxBytes the most the field may inflate to
     * @throws IllegalArgumentException if the field is not base64url
     */
    static byte[] decode(byte[] value, int length, int maxBytes) throws DataFormatException {
        boolean compressed = length > 0 && value[0] == COMPRESSED.charAt(0);
        int from = compressed ? 1 : 0;
        ByteBuffer decoded = Base64.getUrlDecoder().decode(ByteBuffer.wrap(value, from, length - from));
        byte[] bytes = decoded.remaining() == decoded.capacity() ? decoded.array()
                : Arrays.copyOfRange(decoded.array(), decoded.position(), decoded.limit());
        return compressed ? inflate(bytes, maxBytes) : bytes;
    }

    private static byte[] inflate(byte[] bytes, int maxBytes) throws DataFormatException {
        Inflater pooled = INFLATERS.take();
        Inflater inflater = pooled != null ? pooled : new Inflater();
        try {
            inflater.setInput(bytes);
            // JSON rarely deflates by more than four to one; the buffer doubles when it does.
            byte[] out = new byte[Math.min(maxBytes + 1, Math.max(64, bytes.length * 4))];
            int length = 0;
            while (!inflater.finished()) {
                if (length == out.length) {
                    out = Arrays.copyOf(out, Math.min(maxBytes + 1, out.length * 2));
                }
                int n = inflater.inflate(out, length, out.length - length);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated compressed data");
                }
                length += n;
                // Only a holder of the key can sign a bomb, but an inflated size is cheap to bound:
                // the buffer never grows past one byte more than the limit.
                if (length > maxBytes) {
                    throw new DataFormatException("inflates beyond " + maxBytes + " bytes");
                }
            }
            return length == out.length ? out : Arrays.copyOf(out, length);
        } finally {
            inflater.reset();
            if (!INFLATERS.give(inflater)) {
                inflater.end();
            }
        }
    }

    /** The length deflated into {@code out}, or -1 if it does not fit there. */
    private static int deflate(byte[] raw, byte[] out) {
        Deflater pooled = DEFLATERS.take();
        Deflater deflater = pooled != null ? pooled : new Deflater();
        try {
            deflater.setInput(raw);
            deflater.finish();
            int length = 0;
            while (!deflater.finished() && length < out.length) {
                length += deflater.deflate(out, length, out.length - length);
            }
            return deflater.finished() ? length : -1;
        } finally {
            deflater.reset();
            if (!DEFLATERS.give(deflater)) {
                deflater.end();
            }
        }
    }

    private static int base64Length(int bytes) {
        return (bytes * 4 + 2) / 3;
    }

    private static boolean isBase64Url(char c) {
        return c < BASE64URL.length && BASE64URL[c];
    }

    /** Whether {@code c} at {@code index} can be part of an encoded field: the marker only leads. */
    static boolean fits(char c, int index) {
        return c == COMPRESSED.charAt(0) ? index == 0 : isBase64Url(c);
    }
}
