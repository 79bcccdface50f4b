package org.cloakroom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class IsoTextTest {

    private final Random random = new Random(20261202);

    /** Random nanoseconds with 0, 3, 6 or 9 significant digits, so that toString writes each precision. */
    private int nanos() {
        int nanos = random.nextInt(1_000_000_000);
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> nanos / 1_000_000 * 1_000_000;
            case 2 -> nanos / 1_000 * 1_000;
            default -> nanos;
        };
    }

    @Test
    void everyValueReadsBackFromItsOwnTextAsTheJdkReadsIt() {
        for (int i = 0; i < 20_000; i++) {
            // Years past 9999 and before year 0 too: those take the JDK's path.
            LocalDateTime value = LocalDateTime.of(random.nextInt(12_000) - 1_000, 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(4) == 0 ? 0 : random.nextInt(60), nanos());
            assertEquals(value, IsoText.localDateTime(value.toString()), value.toString());
            assertEquals(value.toLocalDate(), IsoText.localDate(value.toLocalDate().toString()));
            Instant instant = value.toInstant(java.time.ZoneOffset.UTC);
            assertEquals(instant, IsoText.instant(instant.toString()), instant.toString());
        }
    }

    @Test
    void textsOffTheCanonicalFormsGetTheJdksAnswerOrItsError() {
        List<String> dates = List.of("2026-02-29", "2024-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "+12026-01-01",
                "2026/01/01", "2026-01-01x", "", "0000-01-01");
        List<String> dateTimes = List.of("2026-11-25T09:30", "2026-11-25T24:00", "2026-11-25T09:60", "2026-11-25T09:30:15.1",
                "2026-11-25T09:30:15.1234", "2026-11-25 09:30", "2026-11-25T09:30:61", "2026-11-25T9:30:00", "2026-11-25T",
                "2026-11-25T09:30:15,123", "2026-11-25T09:30:15.123456789");
        List<String> instants = List.of("2026-11-25T09:30:00Z", "2026-11-25T09:30Z", "2026-11-25T23:59:60Z",
                "2026-11-25T09:30:00.5Z", "2026-11-25T09:30:00+01:00", "2026-11-25T09:30:00z", "-2026-11-25T09:30:00Z",
                "2026-11-25T09:30:00.123456789Z", "2026-11-25T09:30:00");
        dates.forEach(text -> sameAsTheJdk(text, IsoText::localDate, LocalDate::parse));
        dateTimes.forEach(text -> sameAsTheJdk(text, IsoText::localDateTime, LocalDateTime::parse));
        instants.forEach(text -> sameAsTheJdk(text, IsoText::instant, Instant::parse));
    }

    private static void sameAsTheJdk(String text, Function<String, Object> ours, Function<String, Object> jdk) {
        Object expected;
        try {
            expected = jdk.apply(text);
        } catch (DateTimeException refused) {
            assertThrows(DateTimeException.class, () -> ours.apply(text), text);
            return;
        }
        assertEquals(expected, ours.apply(text), text);
    }
}
