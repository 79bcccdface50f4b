package org.cloakroom.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cloakroom.codec.SessionCodec;
import org.junit.jupiter.api.Test;

class SessionEntityTest {

    @Test
    void getDecodedGivesTheStoredDataAsTypedValues() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", 42);
        data.put("since", LocalDate.of(2024, 1, 31));
        data.put("tags", List.of("a", "b"));
        SessionEntity row = new SessionEntity("k".repeat(32), SessionCodec.defaults().encode(data), Instant.now());
        assertEquals(data, row.getDecoded(SessionCodec.defaults()));
        assertEquals(Integer.class, row.getDecoded(SessionCodec.defaults()).get("user_id").getClass());
    }

    public record Cart(String item, int quantity) { }

    @Test
    void getDecodedUsesTheCodecItIsGivenWithThatCodecsAllowedTypes() {
        SessionCodec application = new SessionCodec(List.of("org.cloakroom.persistence.*"));
        SessionEntity row = new SessionEntity("k".repeat(32),
                application.encode(Map.of("cart", new Cart("coat", 1))), Instant.now());
        assertEquals(Map.of("cart", new Cart("coat", 1)), row.getDecoded(application));
        assertTrue(row.getDecoded(SessionCodec.defaults()).isEmpty(), "a codec that does not allow Cart refuses the row");
    }

    @Test
    void getDecodedOfCorruptDataIsEmpty() {
        assertTrue(new SessionEntity("k".repeat(32), "not json at all", Instant.now()).getDecoded(SessionCodec.defaults()).isEmpty());
    }

    @Test
    void theExpireDateIsStoredAsUtcAndComesBackAsTheSameInstant() {
        Instant when = Instant.parse("2026-03-29T01:30:00Z");
        SessionEntity row = new SessionEntity("k".repeat(32), "{}", when);
        assertEquals(when, row.getExpireDate());
        assertEquals("k".repeat(32), row.toString());
    }
}
