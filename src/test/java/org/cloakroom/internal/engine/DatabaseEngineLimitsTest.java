package org.cloakroom.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cloakroom.SessionTooLargeException;
import org.cloakroom.contract.DatabaseEngineFixture;
import org.cloakroom.persistence.SessionEntity;
import org.cloakroom.spi.SessionKeys;
import org.cloakroom.testing.SqlCounter;
import org.junit.jupiter.api.Test;

/** The {@code db} engine's size limit: a clear failure naming the size and the limit, and nothing written. */
class DatabaseEngineLimitsTest extends DatabaseEngineFixture {

    private static final String TOO_LARGE = "x".repeat(SessionEntity.MAX_DATA_LENGTH);

    @Test
    void aNewSessionOverTheLimitFailsWithItsSizeAndTheLimitAndWritesNothing() {
        BaseSession s = newSession();
        s.put("big", TOO_LARGE);
        SqlCounter.reset();
        var e = assertThrows(SessionTooLargeException.class, s::save);
        assertTrue(e.getMessage().startsWith("The session data is 1000010 characters of JSON and the db engine stores at most 1000000."),
                e.getMessage());
        assertEquals(0, SqlCounter.total(), String.join("\n", SqlCounter.statements()));
    }

    @Test
    void aStoredSessionGrownOverTheLimitFailsTheSameWayAndKeepsWhatWasStored() {
        BaseSession s = newSession();
        s.put("small", "yes");
        s.save();
        BaseSession grown = nextRequest(s);
        grown.put("big", TOO_LARGE);
        assertThrows(SessionTooLargeException.class, grown::save);
        BaseSession later = nextRequest(s);
        assertEquals("yes", later.get("small"));
        assertEquals(null, later.get("big"));
    }

    @Test
    void loggingOutEverywhereEndsMoreSessionsThanOneInListOfADatabaseHolds() throws Exception {
        for (int i = 0; i < 1201; i++) {
            engine.create(SessionKeys.generate(), "{}", clock.instant().plusSeconds(60), "crowd");
        }
        String kept = SessionKeys.generate();
        engine.create(kept, "{}", clock.instant().plusSeconds(60), "crowd");
        assertEquals(1201, engine.deleteSessionsOf("crowd", kept).size());
        assertEquals(java.util.List.of(SessionKeys.storageId(kept)),
                engine.sessionsOf("crowd").stream().map(org.cloakroom.SessionSummary::id).toList());
    }
}
