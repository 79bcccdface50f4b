package org.cloakroom.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library deploys in an application without the JCache API (the default {@code db} set-up on
 * WildFly, which does not expose {@code javax.cache} to deployments), although the {@code cache}
 * engines are CDI beans: Weld boots with them in a class loader that has everything on the test class
 * path except {@code javax.cache}, and choosing a cache engine there fails with a clear message.
 * (Weld skips a bean class it cannot load, WELD-000119, so a {@code javax.cache} type in an engine's
 * signature would not fail the deployment but turn that message into "engine not available"; the
 * reflection test and the message tests catch it.)
 */
class CacheEnginesWithoutJCacheTest {

    private static URLClassLoader withoutJCache;

    @BeforeAll
    static void hideJCache() throws MalformedURLException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty() && !new File(entry).getName().startsWith("cache-api")) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        withoutJCache = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @AfterAll
    static void close() throws Exception {
        withoutJCache.close();
    }

    @SuppressWarnings("unchecked")
    private static String deploy(String engine) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        String previousEngine = System.getProperty("session.engine");
        System.setProperty("session.engine", engine);
        thread.setContextClassLoader(withoutJCache);
        try {
            Class<?> deployment = withoutJCache.loadClass(WithoutJCacheDeployment.class.getName());
            return ((Function<String, String>) deployment.getConstructor().newInstance()).apply(engine);
        } finally {
            thread.setContextClassLoader(previous);
            if (previousEngine == null) {
                System.clearProperty("session.engine");
            } else {
                System.setProperty("session.engine", previousEngine);
            }
        }
    }

    @Test
    void theClassLoaderReallyHasNoJCacheButHasTheEngines() throws Exception {
        assertThrows(ClassNotFoundException.class, () -> withoutJCache.loadClass("javax.cache.Caching"));
        for (Class<?> engine : List.of(CacheEngine.class, CachedDatabaseEngine.class)) {
            Class<?> isolated = withoutJCache.loadClass(engine.getName());
            assertEquals(withoutJCache, isolated.getClassLoader());
            // What CDI reads of a bean class; a javax.cache type in any signature would fail here.
            isolated.getDeclaredFields();
            isolated.getDeclaredMethods();
            isolated.getDeclaredConstructors();
        }
    }

    @Test
    void theDbEngineDeploysBesideTheCacheEngineBeans() throws Exception {
        assertEquals("deployed", deploy("db"));
    }

    @Test
    void choosingTheCacheEngineFailsTheDeploymentAskingForAJCacheProvider() throws Exception {
        String failure = deploy("cache");
        assertTrue(failure.contains("Invalid setting SESSION_ENGINE (session.engine) = 'cache'"), failure);
        assertTrue(failure.contains("Add a JCache provider"), failure);
    }

    @Test
    void choosingTheCachedDbEngineFailsTheDeploymentAskingForAJCacheProvider() throws Exception {
        String failure = deploy("cached_db");
        assertTrue(failure.contains("Invalid setting SESSION_ENGINE (session.engine) = 'cached_db'"), failure);
        assertTrue(failure.contains("Add a JCache provider"), failure);
    }
}
