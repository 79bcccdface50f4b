package org.cloakroom.config;

/**
 * The cleanup timer's schedule, in the six fields of an EJB calendar expression:
 * second, minute, hour, day of month, month, day of week (for example {@code "0 0 * * * *"},
 * hourly on the hour, or {@code "*&#47;5 * * * * *"}, every five seconds).
 */
public record ScheduleSetting(String second, String minute, String hour, String dayOfMonth, String month,
        String dayOfWeek) {

    static ScheduleSetting parse(String text) {
        String[] f = text.trim().split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException("needs 6 fields (second minute hour dayOfMonth month dayOfWeek)");
        }
        for (String field : f) {
            if (!field.matches("[0-9A-Za-z*/,\\-]+")) {
                throw new IllegalArgumentException("has an invalid field '" + field + "'");
            }
        }
        return new ScheduleSetting(f[0], f[1], f[2], f[3], f[4], f[5]);
    }

    @Override
    public String toString() {
        return String.join(" ", second, minute, hour, dayOfMonth, month, dayOfWeek);
    }
}
