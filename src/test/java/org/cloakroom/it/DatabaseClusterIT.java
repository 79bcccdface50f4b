package org.cloakroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code db} engine on two WildFly nodes sharing one PostgreSQL: a visitor moves freely between
 * the nodes, both cleanup timers run at the same moments without harm, and when node A stops (then,
 * restarted, crashes) in the middle of a stream of requests, node B carries on with every session.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseClusterIT {

    private static final String CONTEXT = "cluster-db";
    private static final int VISITORS = 4;
    private static final int EXPIRED_ROWS = 3000;
    private static final int REQUESTS_BEFORE_STOP = 200;
    private static final int REQUESTS_AFTER_STOP = 60;

    /** The same application on both nodes; the timer every three seconds, in small batches. */
    private static WebArchive app() {
        return LoginHttpIT.withLogin(TestWars.war(CONTEXT, "session.clear.expired.schedule=*/3 * * * * *\n"
                + "session.clear.expired.batch.size=100\n" + LoginHttpIT.SECRET, Counter.class));
    }

    @Deployment(name = "db-a", managed = false, testable = false)
    @TargetsContainer(Cluster.A)
    static WebArchive onA() {
        return app();
    }

    @Deployment(name = "db-b", managed = false, testable = false)
    @TargetsContainer(Cluster.B)
    static WebArchive onB() {
        return app();
    }

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    /** The nodes the application is deployed on; a stopped node comes back on a clean configuration. */
    private static final Set<String> deployedOn = new HashSet<>();
    private final URL a = Cluster.url(Cluster.A, CONTEXT);
    private final URL b = Cluster.url(Cluster.B, CONTEXT);

    @BeforeAll
    static void freshTable() throws SQLException {
        // The first node to deploy creates the table, the second finds it.
        Cluster.prepareSchema(true);
        Cluster.NODES.forEach(Cluster::markLog);
    }

    /** Both nodes running with the application. */
    private void up() {
        Cluster.NODES.stream().filter(n -> !controller.isStarted(n)).forEach(deployedOn::remove);
        Cluster.start(controller);
        for (String node : Cluster.NODES) {
            if (deployedOn.add(node)) {
                deployer.deploy(node.equals(Cluster.A) ? "db-a" : "db-b");
            }
        }
    }

    @Test
    @Order(1)
    void aSessionCreatedOnOneNodeIsReadAndChangedOnTheOther() {
        up();
        Cluster.visitAcrossNodes(a, b);
        Cluster.visitAcrossNodes(b, a);
    }

    /**
     * A login is remembered in the shared session, not in one node's memory: the next request on
     * the other node is that caller, and "log out everywhere else" on one node ends the session used
     * on the other.
     */
    @Test
    @Order(1)
    void aLoginOnOneNodeHoldsOnTheOtherAndLoggingOutEverywhereElseThereEndsIt() {
        up();
        Browser laptop = new Browser(a);
        assertEquals(200, laptop.form("api/auth/login", "username", "alice", "password", "wonderland").statusCode());
        assertEquals("alice (member)", laptop.at(b).get("api/auth/whoami").body());
        Browser phone = new Browser(b);
        assertEquals(200, phone.form("api/auth/login", "username", "alice", "password", "wonderland").statusCode());
        assertEquals("1", phone.post("api/auth/sessions/logout-others", "").body());
        assertEquals("anonymous", laptop.get("api/auth/whoami").body());
        assertEquals("alice (member)", phone.at(a).get("api/auth/whoami").body());
    }

    /** Two nodes sharing PostgreSQL: the row version decides, whichever node saved first. */
    @Test
    @Order(2)
    void twentyParallelWritesSplitBetweenTheNodesAreAllKept() throws Exception {
        up();
        ParallelWrites.keptOn(a, b);
    }

    @Test
    @Order(3)
    void bothNodesTimersClearExpiredRowsAtTheSameMomentsWithoutHarm() throws Exception {
        up();
        Browser live = new Browser(a);
        live.put("api/session/put/a", "1");
        long clearedBefore = Cluster.clearedSinceMark(Cluster.A) + Cluster.clearedSinceMark(Cluster.B);
        try (Connection c = Cluster.database(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into cloakroom_session (session_key, session_data, expire_date, session_version)"
                    + " select md5('expired' || g), '{}', (now() at time zone 'utc') - interval '1 hour', 0"
                    + " from generate_series(1, " + EXPIRED_ROWS + ") g");
            long deadline = System.currentTimeMillis() + 30_000;
            // Until the rows are gone and the runs that removed them have reported it.
            while (System.currentTimeMillis() < deadline && (expiredRows(s) > 0
                    || Cluster.clearedSinceMark(Cluster.A) + Cluster.clearedSinceMark(Cluster.B) - clearedBefore < EXPIRED_ROWS)) {
                Thread.sleep(500);
            }
            assertEquals(0, expiredRows(s), "both timers together cleared every expired row");
        }
        assertEquals("1", live.at(b).get("api/session/get/a").body(), "a live session survives the cleanups");
        long clearedA = Cluster.clearedSinceMark(Cluster.A);
        long clearedB = Cluster.clearedSinceMark(Cluster.B);
        System.out.printf("cluster timers: node A cleared %d rows, node B %d (of %d expired)%n", clearedA, clearedB, EXPIRED_ROWS);
        assertEquals(EXPIRED_ROWS, clearedA + clearedB - clearedBefore, "every row deleted exactly once, by one node or the other");
    }

    private static long expiredRows(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("select count(*) from cloakroom_session where expire_date < (now() at time zone 'utc')")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** One visitor's requests: how many succeeded, what the last answer said, what failed. */
    private static final class Visitor {
        final int index;
        final Browser browser;
        int successes;
        int lastCount;
        /** Requests whose fate is unknown (the connection broke): the server may have applied them. */
        int unknown;
        int unknownSinceSuccess;
        int afterStop;

        Visitor(int index, Browser browser) {
            this.index = index;
            this.browser = browser;
        }
    }

    /** A request that got no 200: where it went, when it ended, and what came back. */
    private record Failure(String node, long endedNanos, String what) {
    }

    /**
     * The stream of requests, with the test as the load balancer: round robin over the live nodes
     * (each request of a visitor goes to the other node), and a node that fails a request leaves
     * the rotation. No retries: a failed request is the visitor's failed click.
     */
    private final class Stream {
        final List<URL> live = new CopyOnWriteArrayList<>(List.of(a, b));
        final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        final List<String> miscounts = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger successes = new AtomicInteger();
        final AtomicLong stopBegan = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong stopEnded = new AtomicLong(Long.MAX_VALUE);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);

        void run(Visitor v) {
            for (int step = 0; v.afterStop < REQUESTS_AFTER_STOP && System.nanoTime() < deadline; step++) {
                List<URL> nodes = List.copyOf(live);
                URL node = nodes.get((v.index + step) % nodes.size());
                requests.incrementAndGet();
                String failed;
                try {
                    HttpResponse<String> r = v.browser.at(node).post("api/counter", "");
                    failed = r.statusCode() == 200 ? null : "HTTP " + r.statusCode();
                    if (failed == null) {
                        counted(v, Integer.parseInt(r.body()));
                    }
                } catch (UncheckedIOException e) {
                    failed = e.getCause().toString();
                    v.unknown++;
                    v.unknownSinceSuccess++;
                }
                if (failed != null) {
                    failures.add(new Failure(node.equals(a) ? "A" : "B", System.nanoTime(), failed));
                    if (live.size() > 1) {
                        live.remove(node);
                    }
                }
                if (System.nanoTime() > stopEnded.get()) {
                    v.afterStop++;
                }
            }
        }

        /** An answer is one more than the last, plus at most the requests in between whose fate is unknown. */
        private void counted(Visitor v, int count) {
            int extra = count - v.lastCount - 1;
            if (extra < 0 || extra > v.unknownSinceSuccess) {
                miscounts.add("visitor " + v.index + " got " + count + " after " + v.lastCount + " with "
                        + v.unknownSinceSuccess + " broken requests between");
            }
            v.lastCount = count;
            v.successes++;
            v.unknownSinceSuccess = 0;
            successes.incrementAndGet();
        }
    }

    @Test
    @Order(4)
    void whenNodeAStopsMidStreamNodeBCarriesOnWithEverySession() throws Exception {
        up();
        streamWhileNodeAGoes("stopped", () -> controller.stop(Cluster.A));
    }

    @Test
    @Order(5)
    void whenNodeACrashesMidStreamNodeBCarriesOnWithEveryAcknowledgedChange() throws Exception {
        Browser duringOutage = null;
        if (!controller.isStarted(Cluster.A)) {
            duringOutage = new Browser(b);
            duringOutage.put("api/session/put/written", "while A was down");
        }
        up();
        if (duringOutage != null) {
            assertEquals("while A was down", duringOutage.at(a).get("api/session/get/written").body(), "node A rejoins");
        }
        try {
            streamWhileNodeAGoes("killed", () -> Cluster.kill(Cluster.A));
        } finally {
            deployer.undeploy("db-b");
            deployedOn.remove(Cluster.B);
        }
        // Both timers ran every three seconds throughout, and node A went twice under load.
        for (String node : Cluster.NODES) {
            assertEquals(List.of(), Cluster.problemsSinceMark(node), "errors in the log of " + node);
        }
    }

    /**
     * Visitors click away, alternating between the nodes, until node A goes ({@code stopNodeA}) and
     * then on node B alone. Only requests to node A once it began to go may fail; every acknowledged
     * increment is stored, and beyond them at most the requests whose connection broke.
     */
    private void streamWhileNodeAGoes(String how, Runnable stopNodeA) throws Exception {
        List<Visitor> visitors = new ArrayList<>();
        for (int i = 0; i < VISITORS; i++) {
            Visitor v = new Visitor(i, new Browser(i % 2 == 0 ? a : b));
            assertEquals("1", v.browser.post("api/counter", "").body());
            v.successes = 1;
            v.lastCount = 1;
            visitors.add(v);
        }
        Stream stream = new Stream();
        ExecutorService pool = Executors.newFixedThreadPool(VISITORS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Visitor v : visitors) {
                running.add(pool.submit(() -> stream.run(v)));
            }
            while (stream.successes.get() < REQUESTS_BEFORE_STOP && System.nanoTime() < stream.deadline) {
                Thread.sleep(20);
            }
            int before = stream.requests.get();
            stream.stopBegan.set(System.nanoTime());
            stopNodeA.run();
            stream.stopEnded.set(System.nanoTime());
            deployedOn.remove(Cluster.A);
            // What a health check would tell the load balancer, if no request has told it yet.
            stream.live.remove(a);
            for (Future<?> f : running) {
                f.get(200, TimeUnit.SECONDS);
            }

            List<Failure> unexpected = stream.failures.stream()
                    .filter(f -> !f.node().equals("A") || f.endedNanos() < stream.stopBegan.get()).toList();
            List<String> lost = new ArrayList<>();
            int appliedUnacknowledged = 0;
            for (Visitor v : visitors) {
                int stored = Integer.parseInt(v.browser.at(b).get("api/counter").body());
                if (stored < v.successes || stored > v.successes + v.unknown) {
                    lost.add("visitor " + v.index + ": " + v.successes + " acknowledged, " + v.unknown + " unknown, " + stored + " stored");
                }
                appliedUnacknowledged += Math.max(0, stored - v.successes);
            }
            System.out.printf("cluster stream, node A %s: %d visitors, %d requests (%d before node A began to go), %d succeeded,"
                            + " %d failed, all on node A as it went: %s (of those, %d applied before the connection broke);"
                            + " node A went in %d ms; sessions lost: %d%n",
                    how, VISITORS, stream.requests.get(), before, stream.successes.get(), stream.failures.size(),
                    stream.failures.stream().map(Failure::what).distinct().toList(), appliedUnacknowledged,
                    TimeUnit.NANOSECONDS.toMillis(stream.stopEnded.get() - stream.stopBegan.get()), lost.size());
            assertTrue(unexpected.isEmpty(), "requests failed on node B, or before node A began to go: " + unexpected);
            assertTrue(stream.miscounts.isEmpty(), "a session lost or gained increments: " + stream.miscounts);
            assertEquals(List.of(), lost, "sessions lost");
            for (Visitor v : visitors) {
                assertEquals(REQUESTS_AFTER_STOP, v.afterStop, "visitor " + v.index + " carried on on node B after node A went");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
