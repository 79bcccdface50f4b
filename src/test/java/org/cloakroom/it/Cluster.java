package org.cloakroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * The two WildFly nodes of {@code mvn -Pcluster verify} (see arquillian.xml and the pom's
 * {@code cluster} profile): their addresses, their logs, the shared PostgreSQL schema, and the
 * visit that both cluster tests make across the nodes.
 */
final class Cluster {

    static final String A = "node-a";
    static final String B = "node-b";
    static final List<String> NODES = List.of(A, B);

    /** A log line at level ERROR, or any complaint of Cloakroom's own loggers. */
    private static final Pattern PROBLEM = Pattern.compile(
            "^\\S+ \\S+ (ERROR|FATAL) .*|^\\S+ \\S+ (WARN|SEVERE) +\\[org\\.cloakroom.*|.*Clearing expired sessions failed.*");

    private static final Map<String, Long> LOG_MARKS = new HashMap<>();

    private Cluster() {
    }

    /** Starts the nodes that are not running; a node keeps its deployments until it stops. */
    static void start(ContainerController controller) {
        start(controller, NODES.toArray(String[]::new));
    }

    /** Starts those of the given nodes that are not running. */
    static void start(ContainerController controller, String... nodes) {
        for (String node : nodes) {
            if (!controller.isStarted(node)) {
                controller.start(node);
                // A started node has a fresh base directory, so a fresh log.
                LOG_MARKS.put(node, 0L);
            }
        }
    }

    /**
     * Kills a node's server process at once (SIGKILL), as a crash would: requests in flight are cut
     * off. The process is the one running on the node's own base directory, which only this build
     * starts.
     */
    static void kill(String node) {
        String baseDir = "-Djboss.server.base.dir=" + Path.of(System.getProperty("cluster.dir"), node);
        List<ProcessHandle> servers = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(baseDir)).orElse(false))
                .toList();
        if (servers.size() != 1) {
            throw new IllegalStateException("Expected one server with " + baseDir + ", found " + servers.size());
        }
        ProcessHandle server = servers.get(0);
        server.destroyForcibly();
        server.onExit().join();
    }

    /** The root URL of a web application on a node: http://127.0.0.1:(8080 + offset)/context/. */
    static URL url(String node, String context) {
        int offset = Integer.getInteger("cluster." + (node.equals(A) ? "a" : "b") + ".port.offset");
        try {
            return new URL("http://127.0.0.1:" + (8080 + offset) + "/" + context + "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the node's management interface serves at {@code path} (its health checks, say). */
    static String managementUrl(String node, String path) {
        return "http://127.0.0.1:" + Integer.getInteger("cluster." + (node.equals(A) ? "a" : "b") + ".management.port") + path;
    }

    /** The names of the node's live threads, from its management API. */
    static List<String> threadNames(String node) {
        ModelNode op = Operations.createOperation("dump-all-threads",
                Operations.createAddress("core-service", "platform-mbean", "type", "threading"));
        op.get("locked-monitors").set(false);
        op.get("locked-synchronizers").set(false);
        return manage(node, op).asList().stream().map(t -> t.get("thread-name").asString()).toList();
    }

    /**
     * The node's heap in use right after a full collection ({@code System.gc()}, which stops the
     * world and compacts on the server's G1), in bytes: what the node keeps alive, without the
     * garbage whose amount depends on when the last collection happened. Read from the heap pools'
     * usage as that collection left it, not from the heap's usage afterwards: under load the
     * requests served between the two management calls allocate megabytes, which moved a sample by
     * up to 8 MB.
     */
    static long heapAfterFullGc(String node) {
        ModelNode platform = Operations.createAddress("core-service", "platform-mbean", "type", "memory");
        manage(node, Operations.createOperation("gc", platform));
        ModelNode readPools = Operations.createOperation("read-children-resources",
                Operations.createAddress("core-service", "platform-mbean", "type", "memory-pool"));
        readPools.get("child-type").set("name");
        readPools.get("include-runtime").set(true);
        long used = 0;
        int heapPools = 0;
        for (var pool : manage(node, readPools).asPropertyList()) {
            ModelNode afterCollection = pool.getValue().get("collection-usage");
            if ("HEAP".equals(pool.getValue().get("type").asString()) && afterCollection.isDefined()) {
                used += afterCollection.get("used").asLong();
                heapPools++;
            }
        }
        assertNotEquals(0, heapPools, "no heap pool of " + node + " reports its usage after a collection");
        return used;
    }

    /** Runs one operation on the node's management API and answers its result. */
    private static ModelNode manage(String node, ModelNode op) {
        int port = Integer.getInteger("cluster." + (node.equals(A) ? "a" : "b") + ".management.port");
        try (ModelControllerClient client = ModelControllerClient.Factory.create("127.0.0.1", port)) {
            ModelNode result = client.execute(op);
            if (!Operations.isSuccessfulOutcome(result)) {
                throw new IllegalStateException(Operations.getFailureDescription(result).asString());
            }
            return Operations.readResult(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path log(String node) {
        return Path.of(System.getProperty("cluster.dir"), node, "log", "server.log");
    }

    /** Remembers where the node's log ends, so {@link #problemsSinceMark} reads only what follows. */
    static void markLog(String node) {
        try {
            LOG_MARKS.put(node, Files.exists(log(node)) ? Files.size(log(node)) : 0L);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of the node's log since its mark that are errors or Cloakroom warnings. */
    static List<String> problemsSinceMark(String node) {
        return linesSinceMark(node).stream().filter(l -> PROBLEM.matcher(l).matches()).toList();
    }

    /** How many sessions the node's cleanup timer reports having cleared since the mark. */
    static long clearedSinceMark(String node) {
        // The count is formatted for the server's locale: 1,500 or 1.500 or 1 500.
        Pattern cleared = Pattern.compile(".*Cleared ([\\d,.\\s\u00a0\u202f]+?) expired sessions.*");
        long total = 0;
        for (String line : linesSinceMark(node)) {
            Matcher m = cleared.matcher(line);
            if (m.matches()) {
                total += Long.parseLong(m.group(1).replaceAll("\\D", ""));
            }
        }
        return total;
    }

    private static List<String> linesSinceMark(String node) {
        try {
            byte[] all = Files.readAllBytes(log(node));
            int from = (int) Math.min(LOG_MARKS.getOrDefault(node, 0L), all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connection to the nodes' database (the URL names the schema the nodes use). */
    static Connection database() throws SQLException {
        return DriverManager.getConnection(System.getProperty("cluster.jdbc.url"), System.getProperty("cluster.jdbc.user"), "");
    }

    /**
     * Creates the nodes' schema if it is missing. The nodes have a schema of their own in the
     * shared database so that the server-less PostgreSQL suite, which drops and empties its table,
     * cannot run into them.
     */
    static void prepareSchema(boolean dropTable) throws SQLException {
        Matcher m = Pattern.compile("[?&]currentSchema=([a-z_0-9]+)").matcher(System.getProperty("cluster.jdbc.url"));
        if (!m.find()) {
            throw new IllegalStateException("cluster.jdbc.url names no currentSchema");
        }
        try (Connection c = database(); Statement s = c.createStatement()) {
            s.execute("create schema if not exists " + m.group(1));
            if (dropTable) {
                s.execute("drop table if exists " + m.group(1) + ".cloakroom_session");
            }
        }
    }

    /**
     * One visitor going back and forth between the nodes, as a load balancer without stickiness
     * would send them: whatever one node wrote, the other reads, and key changes and logouts on one
     * node hold on the other.
     */
    static void visitAcrossNodes(URL onA, URL onB) {
        Browser a = new Browser(onA);
        Browser b = a.at(onB);
        a.put("api/session/put/color", "blue");
        String created = a.cookie();
        assertNotNull(created);
        assertEquals("blue", b.get("api/session/get/color").body(), "created on A, read on B");
        b.put("api/session/put/color", "green");
        assertEquals("green", a.get("api/session/get/color").body(), "changed on B, read on A");
        a.put("api/session/cart", "apple");
        b.post("api/session/cart", "pear");
        assertEquals("[apple, pear]", a.get("api/session/cart").body(), "a list changed in place on B");
        b.post("api/session/cycle-key", "");
        assertNotEquals(created, a.cookie());
        assertEquals("green", a.get("api/session/get/color").body(), "the new key works on A");
        assertEquals("false", new Browser(onA).get("api/probe/exists/" + created).body(), "the old key is gone on A");
        String current = a.cookie();
        a.post("api/session/flush", "");
        assertNull(b.cookie());
        assertEquals("false", new Browser(onB).get("api/probe/exists/" + current).body(), "flushed on A, gone on B");
        Browser replay = new Browser(onB);
        replay.setCookie(current);
        assertEquals("null", replay.get("api/session/get/color").body(), "a flushed session stays gone on B");
    }
}
