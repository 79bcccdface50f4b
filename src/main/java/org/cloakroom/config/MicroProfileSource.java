package org.cloakroom.config;

import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads settings through MicroProfile Config; only loaded when its API is present. */
final class MicroProfileSource implements SettingsSource {

    static boolean isAvailable() {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false,
                    MicroProfileSource.class.getClassLoader());
            ConfigProvider.getConfig();
            return true;
        } catch (ClassNotFoundException | LinkageError | IllegalStateException e) {
            return false;
        }
    }

    @Override
    public Optional<String> get(Setting setting) {
        Optional<String> value = ConfigProvider.getConfig().getOptionalValue(setting.propertyName(), String.class);
        // MicroProfile Config maps session.cookie.age to SESSION_COOKIE_AGE; the plain Django name as a
        // system property is accepted too, as it is without MicroProfile Config.
        return value.isPresent() ? value : Optional.ofNullable(System.getProperty(setting.name()));
    }
}
