package org.cloakroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real outage: the machine's PostgreSQL, behind the {@code db} engine on a WildFly node, is
 * stopped and started again. Meanwhile a request that needs its session gets 503 with
 * {@code Retry-After} within seconds and one that does not is served; the outage is logged once
 * when it starts and once when it ends; afterwards the node serves the session from before,
 * without a restart. Runs with the two-node tests ({@code -Pcluster}), on node A, and is skipped
 * where PostgreSQL is not a local cluster that {@code pg_ctlcluster} can stop and start.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DatabaseOutageClusterIT {

    private static final String CONTEXT = "outage-db";

    @Deployment(name = "outage-a", managed = false, testable = false)
    @TargetsContainer(Cluster.A)
    static WebArchive onA() {
        return TestWars.war(CONTEXT, "session.clear.expired.enabled=false\n", OutageSwitch.class, FlakyEngine.class,
                org.cloakroom.testing.InMemoryEngine.class);
    }

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    private static String postgresVersion() {
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            List<Path> all = versions.toList();
            return all.size() == 1 ? all.get(0).getFileName().toString() : null;
        } catch (IOException noLocalCluster) {
            return null;
        }
    }

    private static void pgCtl(String version, String action) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action, "-m", "fast")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "pg_ctlcluster " + action + ": " + output);
    }

    private static boolean postgresAnswers() throws IOException, InterruptedException {
        return new ProcessBuilder("pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432").start().waitFor() == 0;
    }

    @Test
    void whilePostgresqlIsDownSessionRequestsGet503AndAfterItsRestartEverySessionIsBack() throws Exception {
        String version = postgresVersion();
        assumeTrue(version != null && postgresAnswers(), "no local PostgreSQL cluster that pg_ctlcluster manages");
        // Its own schema, whatever order the cluster tests run in: the deployment creates the table there.
        Cluster.prepareSchema(false);
        Cluster.start(controller);
        deployer.deploy("outage-a");
        try {
            OutageDrill.run(Cluster.url(Cluster.A, CONTEXT), Cluster.A, () -> pgCtl(version, "stop"), () -> {
                pgCtl(version, "start");
                for (int i = 0; i < 60 && !postgresAnswers(); i++) {
                    Thread.sleep(500);
                }
            });
        } finally {
            deployer.undeploy("outage-a");
        }
    }
}
