package org.cloakroom.config;

import java.util.Optional;

/** Where raw setting values come from; the loader parses and validates them. */
@FunctionalInterface
public interface SettingsSource {

    /** The raw value of a setting, if it is set. */
    Optional<String> get(Setting setting);

    /**
     * MicroProfile Config when the application sees it (WildFly and Payara ship it), otherwise
     * system properties (by property name or Django name), then environment variables.
     */
    static SettingsSource fromEnvironment() {
        if (MicroProfileSource.isAvailable()) {
            return new MicroProfileSource();
        }
        return setting -> {
            String value = System.getProperty(setting.propertyName());
            if (value == null) {
                value = System.getProperty(setting.name());
            }
            if (value == null) {
                value = System.getenv(setting.name());
            }
            return Optional.ofNullable(value);
        };
    }
}
