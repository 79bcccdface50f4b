package org.cloakroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cloakroom.engine.SessionKeys;

/**
 * Generated {@code Cookie} headers against an engine over real HTTP, on a page that reads the
 * session: never a response of 500 or more, and no row created. The headers are printable ASCII
 * (what an HTTP client lets a test send): several cookies, repeated names, separators, values shaped
 * like keys, storage ids and signed cookies with flipped or cut characters, up to 8 KB. Bytes above
 * 127 and control characters are rejected by the server's own cookie parsing before the
 * application runs (see README, "HTTP behaviour").
 */
final class HostileCookies {

    private static final int HEADERS = 1_000;

    private HostileCookies() {
    }

    private static String printable(Random random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) (0x20 + random.nextInt(0x7f - 0x20)));
        }
        return s.toString();
    }

    private static String mangled(String valid, Random random) {
        char[] c = valid.toCharArray();
        int at = random.nextInt(c.length);
        c[at] = (char) (0x21 + random.nextInt(0x7e - 0x21));
        return random.nextBoolean() ? new String(c) : valid.substring(0, at);
    }

    static List<String> headers(String valid, Random random) {
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < HEADERS; i++) {
            headers.add(switch (i % 5) {
                case 0 -> printable(random, random.nextInt(random.nextBoolean() ? 100 : 8_000));
                case 1 -> "sessionid=" + SessionKeys.generate() + "; sessionid=" + SessionKeys.storageId(SessionKeys.generate());
                case 2 -> "a=1; sessionid=" + mangled(valid, random) + "; b=" + printable(random, 20).replace(";", "");
                case 3 -> "sessionid=" + printable(random, random.nextInt(300)) + ";;; =; sessionid=\"" + valid + "\"";
                default -> "sessionid=" + valid + "=" + "x".repeat(random.nextInt(4_000));
            });
        }
        return headers;
    }

    /** @param rowsOfItsOwn whether the engine keeps its sessions in the table (its own visitor adds a row) */
    static void survivedBy(URL app, boolean rowsOfItsOwn) throws Exception {
        Browser probe = new Browser(app);
        String rowsBefore = probe.get("api/probe/rows").body();
        Browser visitor = new Browser(app);
        visitor.put("api/session/put/a", "1");
        String valid = visitor.cookie();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        URI page = app.toURI().resolve("api/session/get/a");
        int[] byClass = new int[6];
        for (String header : headers(valid, new Random(20261201))) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(page).header("Cookie", header)
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            byClass[r.statusCode() / 100]++;
            assertTrue(r.statusCode() < 500, () -> r.statusCode() + " for a header of " + header.length() + " characters: "
                    + header.substring(0, Math.min(200, header.length())));
        }
        System.out.printf("%s: %d hostile Cookie headers, %d answered 2xx, %d 4xx, 0 5xx%n", app, HEADERS, byClass[2], byClass[4]);
        long rowsAfter = Long.parseLong(probe.get("api/probe/rows").body());
        assertEquals(Long.parseLong(rowsBefore) + (rowsOfItsOwn ? 1 : 0), rowsAfter, "no row but the visitor's own");
        assertEquals("1", visitor.get("api/session/get/a").body(), "the real session is untouched");
    }
}
