package org.cloakroom.internal.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;

/** Registers {@link SessionFilter} for every URL, ahead of the application's filters, when the jar is present. */
public class FilterRegistrar implements ServletContainerInitializer {

    public static final String FILTER_NAME = "cloakroom-session";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, SessionFilter.class);
        if (filter == null) {
            return; // the application registered it itself, by this name
        }
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
    }
}
