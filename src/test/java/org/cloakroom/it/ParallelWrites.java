package org.cloakroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A page firing many requests at once, over real HTTP: 20 parallel PUTs on one session, each
 * setting its own name, then one GET, for 20 visitors in turn. Every engine that keeps sessions on
 * the server keeps all 20, every time; the merges it needed are counted through {@link Probe}.
 */
final class ParallelWrites {

    private static final int PARALLEL = 20;
    private static final int REPEATS = 20;

    private ParallelWrites() {
    }

    /** {@value #REPEATS} visitors in turn, each firing {@value #PARALLEL} PUTs at once. */
    static void keptOn(URL... nodes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        Browser probe = new Browser(nodes[0]);
        for (URL node : nodes) {
            probe.at(node).get("api/probe/merges/start");
        }
        try {
            for (int round = 0; round < REPEATS; round++) {
                // HTTP/1.1, as most proxies speak to a server: the JDK client's default offer to upgrade to
                // HTTP/2 in clear text is taken by Payara, whose HTTP/2 input then times out now and then
                // under twenty parallel request bodies ("Blocking read timeout", payara/Payara#5665),
                // which is not what this test is about.
                Browser visitor = new Browser(nodes[0], HttpClient.Version.HTTP_1_1);
                visitor.put("api/session/put/seed", "0");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> statuses = new ArrayList<>();
                for (int i = 0; i < PARALLEL; i++) {
                    String name = "k" + i;
                    // Half of the requests to each node when there are two.
                    Browser tab = visitor.at(nodes[i % nodes.length]);
                    statuses.add(pool.submit(() -> {
                        start.await();
                        var response = tab.put("api/session/put/" + name, name);
                        String text = response.body().replaceAll("(?s)<style.*?</style>", "").replaceAll("<[^>]+>", " ")
                                .replaceAll("\\s+", " ").trim();
                        return response.statusCode() == 200 ? "200"
                                : response.statusCode() + " " + text.substring(0, Math.min(400, text.length()));
                    }));
                }
                start.countDown();
                List<String> codes = new ArrayList<>();
                for (Future<String> status : statuses) {
                    codes.add(status.get());
                }
                TreeSet<String> expected = IntStream.range(0, PARALLEL).mapToObj(i -> "k" + i)
                        .collect(Collectors.toCollection(TreeSet::new));
                expected.add("seed");
                TreeSet<String> kept = new TreeSet<>(Arrays.asList(visitor.get("api/session/keys").body().split(",")));
                assertEquals(expected, kept, "round " + round + ": statuses " + codes);
                assertEquals(List.of("200"), codes.stream().distinct().toList(), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
        for (URL node : nodes) {
            String[] merges = probe.at(node).get("api/probe/merges").body().split(",");
            System.out.printf("%s: %d x %d parallel writes kept; %s merges after a lost compare-and-set,"
                    + " at most %s for one write%n", node, REPEATS, PARALLEL, merges[0], merges[1]);
        }
    }
}
