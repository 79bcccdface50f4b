import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Paced visitors for the cleanup-under-load scenario of samples/bench/run (a single-file program:
 * {@code java Visitors.java ...}). Each visitor has its own connection and session and alternates a
 * read ({@code GET read}) and a write ({@code POST write}) at a fixed rate, as people clicking do,
 * rather than as fast as the server answers: a closed loop would measure how the machine's two cores
 * are shared, not what a cleanup does to a visitor's wait. A request's latency counts from the
 * moment it was due, so a stalled server is not hidden by requests that were never sent.
 *
 * <p>Usage: {@code java Visitors.java APP_URL COOKIE_FILE RATE_PER_VISITOR STOP_FILE OUT_CSV}; one
 * visitor per line of COOKIE_FILE; runs until STOP_FILE exists, then writes one line per request:
 * due time (epoch ms), latency (µs), status (0 for an I/O error).
 */
public final class Visitors {

    private record Sample(long dueMillis, long latencyMicros, int status) {
    }

    public static void main(String[] args) throws Exception {
        URI app = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
        List<String> cookies = Files.readAllLines(Path.of(args[1]));
        double rate = Double.parseDouble(args[2]);
        Path stop = Path.of(args[3]);
        Path out = Path.of(args[4]);
        long periodNanos = (long) (1e9 / rate);

        List<List<Sample>> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int v = 0; v < cookies.size(); v++) {
            List<Sample> mine = new ArrayList<>();
            samples.add(mine);
            String cookie = cookies.get(v);
            // Spread the visitors over one period, so that they do not all click at the same instant.
            long offset = periodNanos * v / cookies.size();
            Thread t = new Thread(() -> visit(app, cookie, periodNanos, offset, stop, mine), "visitor-" + v);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            for (List<Sample> list : samples) {
                for (Sample s : list) {
                    w.println(s.dueMillis() + "," + s.latencyMicros() + "," + s.status());
                }
            }
        }
    }

    private static void visit(URI app, String cookie, long periodNanos, long offset, Path stop, List<Sample> samples) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        String current = cookie;
        long startNanos = System.nanoTime() + offset;
        long startMillis = System.currentTimeMillis() + offset / 1_000_000;
        for (long n = 0; ; n++) {
            if (n % 50 == 0 && Files.exists(stop)) {
                return;
            }
            long due = startNanos + n * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean write = n % 2 == 1;
            HttpRequest.Builder request = HttpRequest.newBuilder(app.resolve(write ? "write" : "read"))
                    .timeout(Duration.ofSeconds(30)).header("Cookie", current);
            int status;
            try {
                HttpResponse<String> r = http.send(write ? request.POST(HttpRequest.BodyPublishers.noBody()).build() : request.GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                status = r.statusCode();
                String set = r.headers().firstValue("Set-Cookie").orElse("");
                if (set.startsWith("sessionid=") && !set.startsWith("sessionid=;")) {
                    current = current.replaceFirst("sessionid=[^;]*", set.substring(0, set.indexOf(';') < 0 ? set.length() : set.indexOf(';')));
                }
            } catch (IOException e) {
                status = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            samples.add(new Sample(startMillis + (due - startNanos) / 1_000_000, (System.nanoTime() - due) / 1_000, status));
        }
    }
}
