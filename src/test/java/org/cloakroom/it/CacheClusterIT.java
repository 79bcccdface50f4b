package org.cloakroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.cloakroom.spi.SessionKeys;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code cache} engine on two WildFly nodes with a distributed JCache provider: Redis through
 * Redisson's JCache implementation, which each WAR brings with a {@code redisson-jcache.yaml}. A
 * session written on one node is read, changed and deleted on the other.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CacheClusterIT {

    private static final String CONTEXT = "cluster-cache";
    /** A cache of this run's own, destroyed afterwards. */
    private static final String ALIAS = "cloakroom-cluster-" + UUID.randomUUID();
    private static final String REDISSON_CONFIG = "singleServerConfig:\n  address: \""
            + System.getProperty("cluster.redis.address") + "\"\n";

    private static WebArchive app() {
        return redisApp(CONTEXT, "", "session.cache.alias=" + ALIAS + "\n", Comments.class);
    }

    /**
     * A WAR on the cache engine over Redis through Redisson's JCache provider.
     *
     * @param redisson more lines of Redisson's {@code singleServerConfig}
     * @param settings more lines of the WAR's MicroProfile Config
     */
    static WebArchive redisApp(String context, String redisson, String settings, Class<?>... classes) {
        WebArchive war = TestWars.war(context, "session.engine=cache\n" + settings + "session.clear.expired.enabled=false\n",
                        classes)
                // Redisson's provider reads this from the class path when asked for the default CacheManager.
                .addAsResource(new StringAsset(REDISSON_CONFIG + redisson), "redisson-jcache.yaml")
                // Redisson brings Jackson, whose annotations would make WildFly switch JAX-RS from JSON-B to Jackson.
                .setWebXML(new StringAsset("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
                        + "<context-param><param-name>resteasy.preferJacksonOverJsonB</param-name>"
                        + "<param-value>false</param-value></context-param></web-app>"));
        // Redisson with what it needs at run time (javax.cache, Netty, Jackson, Reactor...), copied by the pom.
        File[] jars = new File(System.getProperty("cluster.dir"), "redisson-lib").listFiles((dir, name) -> name.endsWith(".jar"));
        return war.addAsLibraries(jars);
    }

    @Deployment(name = "cache-a", managed = false, testable = false)
    @TargetsContainer(Cluster.A)
    static WebArchive onA() {
        return app();
    }

    @Deployment(name = "cache-b", managed = false, testable = false)
    @TargetsContainer(Cluster.B)
    static WebArchive onB() {
        return app();
    }

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    private static CacheManager redis;
    private static Path config;

    @BeforeAll
    static void connect() throws IOException, SQLException {
        // The WARs also bring the library's persistence unit, on the nodes' PostgreSQL schema.
        Cluster.prepareSchema(false);
        Cluster.NODES.forEach(Cluster::markLog);
        config = Files.createTempFile("cloakroom-cluster-redisson", ".yaml");
        Files.writeString(config, REDISSON_CONFIG);
        redis = Caching.getCachingProvider("org.redisson.jcache.JCachingProvider")
                .getCacheManager(config.toUri(), CacheClusterIT.class.getClassLoader());
    }

    /**
     * The nodes' cache as seen from here. Redisson's manager only hands out caches it created
     * itself, so this one "creates" it too, which binds to the same data in Redis.
     */
    private static Cache<String, String> sharedCache() {
        Cache<String, String> cache = redis.getCache(ALIAS);
        return cache != null ? cache : redis.createCache(ALIAS, new MutableConfiguration<String, String>());
    }

    @AfterAll
    static void destroy() throws IOException {
        if (redis != null) {
            sharedCache();
            redis.destroyCache(ALIAS);
            redis.close();
        }
        Files.deleteIfExists(config);
    }

    @Test
    void aSessionWrittenOnOneNodeIsReadOnTheOther() throws Exception {
        Cluster.start(controller);
        deployer.deploy("cache-a");
        deployer.deploy("cache-b");
        try {
            URL a = Cluster.url(Cluster.A, CONTEXT);
            URL b = Cluster.url(Cluster.B, CONTEXT);
            String rows = new Browser(a).get("api/probe/rows").body();
            Cluster.visitAcrossNodes(a, b);
            Cluster.visitAcrossNodes(b, a);

            Browser visitor = new Browser(a);
            assertEquals("Thanks for your comment!", visitor.post("api/comments", "on A").body());
            assertEquals("You've already commented.", visitor.at(b).post("api/comments", "on B").body());
            assertTrue(sharedCache().containsKey("org.cloakroom.cache:" + SessionKeys.storageId(visitor.cookie())), "the session is in Redis");
            assertFalse(sharedCache().containsKey("org.cloakroom.cache:" + visitor.cookie()), "under its storage id, never the cookie value");
            assertEquals(rows, new Browser(b).get("api/probe/rows").body(), "the cache engine writes no row");
            // Redis's replace(key, old, new) decides between the nodes.
            ParallelWrites.keptOn(a, b);
        } finally {
            deployer.undeploy("cache-a");
            deployer.undeploy("cache-b");
        }
        for (String node : Cluster.NODES) {
            // The Redis client that the default CacheManager started goes with the application.
            assertEquals(List.of(), redissonThreads(node), "Redisson threads left running on " + node + " after undeploying");
            assertEquals(List.of(), Cluster.problemsSinceMark(node), "errors in the log of " + node);
        }
    }

    private static List<String> redissonThreads(String node) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        List<String> left;
        do {
            left = Cluster.threadNames(node).stream().filter(t -> t.startsWith("redisson-")).toList();
        } while (!left.isEmpty() && System.currentTimeMillis() < deadline && sleep());
        return left;
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(250);
        return true;
    }
}
