package org.cloakroom.contract;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.config.Setting;
import org.cloakroom.spi.SessionEngine;
import org.cloakroom.testing.Engines;
import org.cloakroom.testing.TestCaches;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole contract on the {@code cache} engine against a real, shared cache: Redis on
 * 127.0.0.1:6379 through Redisson's JCache provider. Skipped, with the reason, when Redis is not
 * reachable. The cache has a name of its own for the run and is destroyed afterwards.
 */
class RedisCacheEngineContractTest extends SessionContract {

    private static final String HOST = "127.0.0.1";
    private static final int PORT = 6379;
    private static final String ALIAS = TestCaches.uniqueName("redis-contract");
    private static CacheManager caches;
    private static Path config;
    private static String unreachable;

    @BeforeAll
    static void connect() throws IOException {
        unreachable = unreachable();
        if (unreachable != null) {
            // Skipped test by test (below), so the count and the reason show in the report.
            System.err.println(RedisCacheEngineContractTest.class.getSimpleName() + " skipped: Redis is not reachable at "
                    + HOST + ":" + PORT + ": " + unreachable);
            return;
        }
        config = Files.createTempFile("cloakroom-redisson", ".yaml");
        Files.writeString(config, "singleServerConfig:\n  address: \"redis://" + HOST + ":" + PORT + "\"\n");
        caches = Caching.getCachingProvider("org.redisson.jcache.JCachingProvider")
                .getCacheManager(config.toUri(), RedisCacheEngineContractTest.class.getClassLoader());
    }

    @AfterAll
    static void destroy() throws IOException {
        if (caches != null) {
            caches.destroyCache(ALIAS);
            caches.close();
        }
        if (config != null) {
            Files.deleteIfExists(config);
        }
    }

    /** Why Redis cannot be used, or null when it answers. */
    private static String unreachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 1000);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes());
            byte[] reply = socket.getInputStream().readNBytes(5);
            return new String(reply).equals("+PONG") ? null : "it answered PING with '" + new String(reply) + "'";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    protected SessionEngine createEngine(SessionSettings settings) {
        assumeTrue(unreachable == null, () -> "Redis is not reachable at " + HOST + ":" + PORT + ": " + unreachable);
        return Engines.cache(settings.toBuilder().set(Setting.SESSION_CACHE_ALIAS, ALIAS).build(), caches);
    }

    @Override
    protected void clearStorage() {
        TestCaches.clear(caches, ALIAS);
    }
}
