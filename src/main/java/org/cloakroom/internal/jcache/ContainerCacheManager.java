package org.cloakroom.internal.jcache;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.Set;

/**
 * Finds a {@code javax.cache.CacheManager} that the server or the application offers as a CDI bean
 * (Payara offers its Hazelcast one this way), so that the cache engines use it instead of asking
 * {@code Caching} for a default provider. Typed {@code Object}, like the engines, so that nothing
 * here needs javax.cache to be present.
 */
public final class ContainerCacheManager {

    private ContainerCacheManager() {
    }

    /** The container's cache manager, or null when there is none (or no javax.cache at all). */
    public static Object find(BeanManager beans) {
        if (beans == null) {
            return null;
        }
        Class<?> type;
        try {
            type = Class.forName("javax.cache.CacheManager", false, ContainerCacheManager.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
        Set<Bean<?>> candidates = beans.getBeans(type);
        if (candidates.isEmpty()) {
            return null;
        }
        Bean<?> bean = beans.resolve(candidates);
        return bean == null ? null : beans.getReference(bean, type, beans.createCreationalContext(bean));
    }
}
