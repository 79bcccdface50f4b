package org.cloakroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.cloakroom.spi.SessionKeys;

/**
 * Generated {@code Cookie} headers against an engine over real HTTP, on a page that reads the
 * session: never a response of 500 or more, no row and no session file created, and the real
 * session untouched. The headers are raw bytes, sent through {@link RawHttp}: any byte but CR and
 * LF (which end a header line, so no header can hold them), values from 0 to 8,192 bytes, many
 * cookies in one header, several {@code Cookie} headers, repeated names, values shaped like keys,
 * storage ids and signed cookies with flipped bits, cut, padded and quoted. The servers run with
 * README's cookie-parsing settings ("Hostile cookies"), without which WildFly answers 500 to a
 * control character, a byte above 127 or more than 200 cookies before the application runs.
 */
final class HostileCookies {

    private static final int HEADERS = 10_000;
    private static final String NAME = "sessionid";

    private final Random random;
    private final byte[] valid;

    private HostileCookies(Random random, String valid) {
        this.random = random;
        this.valid = ascii(valid);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Any byte but CR and LF. */
    private byte[] anyBytes(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            int c;
            do {
                c = random.nextInt(256);
            } while (c == '\r' || c == '\n');
            b[i] = (byte) c;
        }
        return b;
    }

    /** Control characters (but CR and LF) and bytes above 127, as a broken client or a proxy may send them. */
    private byte[] oddBytes(int length) {
        byte[] b = anyBytes(length);
        for (int i = 0; i < length; i++) {
            if (random.nextBoolean()) {
                b[i] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(128) : new int[] {0, 1, 9, 11, 12, 27, 31, 127}[random.nextInt(8)]);
            }
        }
        return b;
    }

    private byte[] printable(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (0x20 + random.nextInt(0x7f - 0x20));
        }
        return b;
    }

    private int length() {
        return random.nextInt(4) == 0 ? random.nextInt(8_193) : random.nextInt(120);
    }

    /** The valid cookie with one bit flipped (which may make a byte above 127), cut, or both. */
    private byte[] flipped() {
        byte[] b = valid.clone();
        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        return random.nextInt(3) == 0 ? Arrays.copyOf(b, random.nextInt(b.length)) : b;
    }

    private byte[] manyCookies() {
        int count = 1 + random.nextInt(random.nextBoolean() ? 40 : 600);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            byte[] name = random.nextInt(4) == 0 ? ascii(NAME) : printable(1 + random.nextInt(8));
            out.writeBytes(join(name, ascii("="), random.nextInt(5) == 0 ? valid : printable(random.nextInt(30)), ascii("; ")));
        }
        return out.toByteArray();
    }

    private byte[] keyShaped() {
        return switch (random.nextInt(4)) {
            case 0 -> ascii(NAME + "=" + SessionKeys.generate());
            case 1 -> ascii(NAME + "=" + SessionKeys.storageId(new String(valid, StandardCharsets.ISO_8859_1)));
            case 2 -> ascii(NAME + "=" + SessionKeys.generate() + "; " + NAME + "=" + SessionKeys.storageId(SessionKeys.generate()));
            default -> ascii(NAME + "=" + SessionKeys.generate().toUpperCase());
        };
    }

    private byte[] padded() {
        byte[] pad = random.nextBoolean() ? ascii(" ".repeat(random.nextInt(40))) : ascii("=".repeat(random.nextInt(4_000)));
        return switch (random.nextInt(4)) {
            case 0 -> join(ascii(NAME + "=\""), valid, ascii("\""));
            case 1 -> join(ascii(NAME + "="), valid, pad);
            case 2 -> join(ascii(NAME + "="), pad, valid);
            default -> join(ascii(NAME + "=\""), valid, ascii("\\\""), oddBytes(3));
        };
    }

    /** One request's Cookie header lines. */
    private List<byte[]> next(int i) {
        return switch (i % 10) {
            case 0 -> List.of(anyBytes(length()));
            case 1 -> List.of(join(ascii(NAME + "="), anyBytes(length())));
            case 2 -> List.of(join(oddBytes(1 + random.nextInt(6)), ascii("="), oddBytes(random.nextInt(40))), join(ascii(NAME + "="), valid));
            case 3 -> List.of(printable(length()));
            case 4 -> List.of(manyCookies());
            case 5 -> List.of(manyCookies(), manyCookies(), join(ascii(NAME + "="), flipped()));
            case 6 -> List.of(join(ascii("a=1; " + NAME + "="), flipped(), ascii("; b="), oddBytes(8)));
            case 7 -> List.of(keyShaped());
            case 8 -> List.of(padded());
            default -> List.of(join(ascii(NAME + "="), valid, oddBytes(1 + random.nextInt(3)), ascii(";;; =; " + NAME + "=")));
        };
    }

    /**
     * @param rowsOfItsOwn whether the engine keeps its sessions in the table (its own visitor adds a row)
     * @param sessionFiles the file engine's directory, or null for the other engines
     */
    static void survivedBy(URL app, boolean rowsOfItsOwn, Path sessionFiles) throws Exception {
        Browser probe = new Browser(app);
        long rowsBefore = Long.parseLong(probe.get("api/probe/rows").body());
        long filesBefore = files(sessionFiles);
        Browser visitor = new Browser(app);
        visitor.put("api/session/put/a", "1");
        HostileCookies generator = new HostileCookies(new Random(20261201), visitor.cookie());
        int[] byClass = new int[6];
        try (RawHttp http = new RawHttp(app)) {
            for (int i = 0; i < HEADERS; i++) {
                List<byte[]> header = generator.next(i);
                int status = http.get("api/session/get/a", header);
                byClass[status / 100]++;
                assertTrue(status < 500, () -> status + " for " + describe(header));
            }
        }
        System.out.printf("%s: %d hostile Cookie headers, %d answered 2xx, %d 4xx, 0 5xx%n", app, HEADERS, byClass[2], byClass[4]);
        assertEquals(rowsBefore + (rowsOfItsOwn ? 1 : 0), Long.parseLong(probe.get("api/probe/rows").body()), "no row but the visitor's own");
        assertEquals(filesBefore + (sessionFiles == null ? 0 : 1), files(sessionFiles), "no session file but the visitor's own");
        assertEquals("1", visitor.get("api/session/get/a").body(), "the real session is untouched");
    }

    private static long files(Path directory) throws IOException {
        if (directory == null) {
            return 0;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> !f.getFileName().toString().endsWith(".lock")).count();
        }
    }

    private static String describe(List<byte[]> header) {
        StringBuilder s = new StringBuilder(header.size() + " Cookie header(s), the first of " + header.get(0).length + " bytes: ");
        byte[] first = header.get(0);
        for (int i = 0; i < Math.min(120, first.length); i++) {
            int c = first[i] & 0xff;
            s.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return s.toString();
    }
}
