package org.cloakroom.contract;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.cloakroom.config.SessionSettings;
import org.cloakroom.config.Setting;
import org.cloakroom.config.SettingsBuilder;
import org.cloakroom.internal.engine.FileEngine;
import org.cloakroom.spi.SessionEngine;
import org.junit.jupiter.api.io.TempDir;

/** The whole contract on the {@code file} engine, each test in its own directory. */
class FileEngineContractTest extends SessionContract {

    @TempDir
    Path dir;

    @Override
    protected void configure(UnaryOperator<SettingsBuilder> change) {
        super.configure(b -> change.apply(b.set(Setting.SESSION_FILE_PATH, dir)));
    }

    @Override
    protected SessionEngine createEngine(SessionSettings settings) {
        return new FileEngine(settings.file(), settings.clock());
    }

    @Override
    protected void clearStorage() {
        // Every test starts with a fresh, empty @TempDir.
    }
}
