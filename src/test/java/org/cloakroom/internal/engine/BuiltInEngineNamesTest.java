package org.cloakroom.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.cloakroom.config.EngineNames;
import org.junit.jupiter.api.Test;

class BuiltInEngineNamesTest {

    @Test
    void everyBuiltInNameQualifiesExactlyOneEngineAndEveryEngineHasOne() {
        List<String> qualified = List.of(DatabaseEngine.class, CacheEngine.class, CachedDatabaseEngine.class,
                FileEngine.class, SignedCookieEngine.class).stream()
                .map(engine -> engine.getAnnotation(EngineName.class).value()).toList();
        assertEquals(EngineNames.ALL, qualified);
    }
}
