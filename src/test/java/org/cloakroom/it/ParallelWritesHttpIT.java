package org.cloakroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
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
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A page firing many requests at once, over real HTTP on the managed server: 20 parallel PUTs on
 * one session, each setting its own name, then one GET. Every engine that keeps sessions on the
 * server keeps all 20, every time (signed_cookies cannot: the browser keeps only the last cookie).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.MethodName.class)
class ParallelWritesHttpIT {

    private static final int PARALLEL = 20;
    private static final int REPEATS = 20;

    @Deployment(name = "db", testable = false)
    static WebArchive db() {
        return EnginesHttpIT.war("parallel-db", "session.engine=db\n");
    }

    @Deployment(name = "cache", testable = false)
    static WebArchive cache() {
        return EnginesHttpIT.withCaffeine(EnginesHttpIT.war("parallel-cache", "session.engine=cache\n"));
    }

    @Deployment(name = "cached_db", testable = false)
    static WebArchive cachedDb() {
        return EnginesHttpIT.withCaffeine(EnginesHttpIT.war("parallel-cached-db", "session.engine=cached_db\n"));
    }

    @Deployment(name = "file", testable = false)
    static WebArchive file() {
        return EnginesHttpIT.war("parallel-file", "session.engine=file\n");
    }

    @ArquillianResource
    @OperateOnDeployment("db")
    URL dbApp;

    @ArquillianResource
    @OperateOnDeployment("cache")
    URL cacheApp;

    @ArquillianResource
    @OperateOnDeployment("cached_db")
    URL cachedDbApp;

    @ArquillianResource
    @OperateOnDeployment("file")
    URL fileApp;

    @Test
    void theDbEngineKeepsEveryOneOfTwentyParallelWrites() throws Exception {
        keepsAllParallelWrites(dbApp);
    }

    @Test
    void theCacheEngineKeepsEveryOneOfTwentyParallelWrites() throws Exception {
        keepsAllParallelWrites(cacheApp);
    }

    @Test
    void theCachedDbEngineKeepsEveryOneOfTwentyParallelWrites() throws Exception {
        keepsAllParallelWrites(cachedDbApp);
    }

    @Test
    void theFileEngineKeepsEveryOneOfTwentyParallelWrites() throws Exception {
        keepsAllParallelWrites(fileApp);
    }

    /** {@value #REPEATS} visitors in turn, each firing {@value #PARALLEL} PUTs at once. */
    static void keepsAllParallelWrites(URL... nodes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        Browser probe = new Browser(nodes[0]);
        for (URL node : nodes) {
            probe.at(node).get("api/probe/merges/start");
        }
        try {
            for (int round = 0; round < REPEATS; round++) {
                Browser visitor = new Browser(nodes[0]);
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
