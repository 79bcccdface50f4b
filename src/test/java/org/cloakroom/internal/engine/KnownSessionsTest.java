package org.cloakroom.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cloakroom.codec.SessionCodec;
import org.cloakroom.spi.SessionKeys;
import org.junit.jupiter.api.Test;

class KnownSessionsTest {

    private final SessionCodec codec = SessionCodec.defaults();
    private final KnownSessions known = new KnownSessions();
    private final String key = SessionKeys.generate();

    private Map<String, Object> content() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("name", "alice");
        content.put("tags", new ArrayList<>(List.of("red")));
        return content;
    }

    @Test
    void aRememberedSessionIsHandedOutAsAFreshCopyEachTime() {
        Map<String, Object> content = content();
        String encoded = codec.encode(content);
        known.remember(key, encoded, content, codec);
        content.put("name", "changed after remembering");

        Map<String, Object> first = known.copy(key, encoded, codec);
        assertEquals(content(), first);
        @SuppressWarnings("unchecked")
        List<Object> tags = (List<Object>) first.get("tags");
        tags.add("green");
        Map<String, Object> second = known.copy(key, encoded, codec);
        assertNotSame(first, second);
        assertEquals(content(), second);
    }

    @Test
    void anotherEncodingThanTheRememberedOneIsUnknown() {
        Map<String, Object> content = content();
        known.remember(key, codec.encode(content), content, codec);
        content.put("name", "bob");
        assertNull(known.copy(key, codec.encode(content), codec));
    }

    @Test
    void anotherKeyWithTheSameEncodingIsUnknown() {
        Map<String, Object> content = content();
        String encoded = codec.encode(content);
        known.remember(key, encoded, content, codec);
        assertNull(known.copy(SessionKeys.generate(), encoded, codec));
    }

    @Test
    void aSessionWhoseEncodingIsTooLongIsNotKept() {
        Map<String, Object> content = Map.of("big", "x".repeat(KnownSessions.MAX_ENCODED_LENGTH));
        String encoded = codec.encode(content);
        known.remember(key, encoded, content, codec);
        assertNull(known.copy(key, encoded, codec));
    }

    @Test
    void contentThatCannotBeCopiedForgetsWhatWasKnownOfThatSession() {
        Map<String, Object> content = content();
        String encoded = codec.encode(content);
        known.remember(key, encoded, content, codec);
        known.remember(key, "{\"enum\":...}", Map.of("unit", java.time.temporal.ChronoUnit.DAYS), codec);
        assertNull(known.copy(key, encoded, codec));
    }
}
