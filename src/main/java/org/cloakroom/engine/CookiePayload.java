package org.cloakroom.engine;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The data field of a signed cookie: unpadded base64url of the bytes, or of their zlib compression
 * marked by a leading {@code .} when that is shorter.
 */
final class CookiePayload {

    static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final String COMPRESSED = ".";
    /**
     * zlib streams kept for reuse, a few per core: a new deflater allocates about 256 KB of native
     * state and registers a cleaner, and every signed session that is saved compresses once.
     */
    private static final int POOLED = 2 * Runtime.getRuntime().availableProcessors();
    private static final BlockingQueue<Deflater> DEFLATERS = new ArrayBlockingQueue<>(POOLED);
    private static final BlockingQueue<Inflater> INFLATERS = new ArrayBlockingQueue<>(POOLED);

    private CookiePayload() {
    }

    static String encode(byte[] raw) {
        String plain = BASE64.encodeToString(raw);
        byte[] deflated = deflate(raw);
        // The marker costs a character, so compression must save more than that.
        if (base64Length(deflated.length) + COMPRESSED.length() < plain.length()) {
            return COMPRESSED + BASE64.encodeToString(deflated);
        }
        return plain;
    }

    /**
     * @param maxBytes the most the field may inflate to
     * @throws IllegalArgumentException if the field is not base64url
     */
    static byte[] decode(String field, int maxBytes) throws DataFormatException {
        boolean compressed = field.startsWith(COMPRESSED);
        byte[] bytes = Base64.getUrlDecoder().decode(compressed ? field.substring(1) : field);
        return compressed ? inflate(bytes, maxBytes) : bytes;
    }

    private static byte[] inflate(byte[] bytes, int maxBytes) throws DataFormatException {
        Inflater pooled = INFLATERS.poll();
        Inflater inflater = pooled != null ? pooled : new Inflater();
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
                if (out.size() > maxBytes) {
                    throw new DataFormatException("inflates beyond " + maxBytes + " bytes");
                }
            }
            return out.toByteArray();
        } finally {
            inflater.reset();
            if (!INFLATERS.offer(inflater)) {
                inflater.end();
            }
        }
    }

    private static byte[] deflate(byte[] raw) {
        Deflater pooled = DEFLATERS.poll();
        Deflater deflater = pooled != null ? pooled : new Deflater();
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
            deflater.reset();
            if (!DEFLATERS.offer(deflater)) {
                deflater.end();
            }
        }
    }

    private static int base64Length(int bytes) {
        return (bytes * 4 + 2) / 3;
    }

    private static boolean isBase64Url(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    /** Whether {@code c} at {@code index} can be part of an encoded field: the marker only leads. */
    static boolean fits(char c, int index) {
        return c == COMPRESSED.charAt(0) ? index == 0 : isBase64Url(c);
    }
}
