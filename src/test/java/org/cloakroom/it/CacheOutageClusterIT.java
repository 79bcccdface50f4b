package org.cloakroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.UUID;
import java.util.stream.Stream;
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
 * The {@code cache} engine on the machine's Redis, through Redisson, while Redis stops answering
 * (the process is frozen with SIGSTOP: every command hangs, as on a hung or unreachable server, and
 * nothing stored is lost) and when it answers again (SIGCONT): the drill of {@link OutageDrill}, on
 * node A. Redisson
 * is given a command timeout of 1 s and one retry, as an application should, so that a request
 * waits seconds, not Redisson's default of about ten.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CacheOutageClusterIT {

    private static final String CONTEXT = "outage-cache";

    @Deployment(name = "outage-cache-a", managed = false, testable = false)
    @TargetsContainer(Cluster.A)
    static WebArchive onA() {
        return CacheClusterIT.redisApp(CONTEXT, "  timeout: 1000\n  retryAttempts: 1\n",
                "session.cache.alias=cloakroom-outage-" + UUID.randomUUID() + "\n",
                OutageSwitch.class, FlakyEngine.class, org.cloakroom.testing.InMemoryEngine.class);
    }

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    private static String redis(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Stream.concat(Stream.of("redis-cli", "-h", "127.0.0.1", "-p", "6379"),
                Stream.of(command)).toList()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + output);
        return output;
    }

    private static void signal(String signal, String pid) throws IOException, InterruptedException {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, pid).start().waitFor(), "kill -" + signal + " " + pid);
    }

    private static boolean redisAnswers() {
        try {
            return redis("ping").equals("PONG");
        } catch (IOException | InterruptedException | AssertionError e) {
            return false;
        }
    }

    @Test
    void whileRedisHangsSessionRequestsGet503AndWhenItAnswersAgainEverySessionIsBack() throws Exception {
        assumeTrue(redisAnswers(), "Redis does not answer at 127.0.0.1:6379 through redis-cli");
        Cluster.start(controller);
        deployer.deploy("outage-cache-a");
        try {
            String pid = redis("info", "server").lines().filter(l -> l.startsWith("process_id:"))
                    .map(l -> l.substring("process_id:".length()).trim()).findFirst().orElseThrow();
            try {
                OutageDrill.run(Cluster.url(Cluster.A, CONTEXT), Cluster.A, () -> signal("STOP", pid), () -> signal("CONT", pid));
            } finally {
                signal("CONT", pid);
            }
        } finally {
            deployer.undeploy("outage-cache-a");
        }
    }
}
