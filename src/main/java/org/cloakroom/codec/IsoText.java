package org.cloakroom.codec;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * Reads the texts that {@code toString()} writes for the time types sessions hold most
 * ({@code 2026-11-25}, {@code 2026-11-25T09:30[:15[.123...]]}, the same with {@code Z}) by their
 * fixed positions. {@code DateTimeFormatter} allocates about a kilobyte per value; anything else
 * (years past 9999, offsets, odd precision) goes to the JDK's parser, which also words every error.
 */
final class IsoText {

    private IsoText() {
    }

    static LocalDate localDate(String text) {
        LocalDate date = text.length() == 10 ? date(text) : null;
        return date != null ? date : LocalDate.parse(text);
    }

    static LocalDateTime localDateTime(String text) {
        LocalDateTime dateTime = dateTime(text, text.length());
        return dateTime != null ? dateTime : LocalDateTime.parse(text);
    }

    static Instant instant(String text) {
        int end = text.length() - 1;
        // Instant.toString always writes the seconds.
        LocalDateTime dateTime = end >= 19 && text.charAt(end) == 'Z' ? dateTime(text, end) : null;
        return dateTime != null ? dateTime.toInstant(ZoneOffset.UTC) : Instant.parse(text);
    }

    /** {@code text} up to {@code end} as a date, {@code T} and a time, or null when it is not exactly that. */
    private static LocalDateTime dateTime(String text, int end) {
        if (end < 16 || text.charAt(10) != 'T') {
            return null;
        }
        LocalDate date = date(text);
        LocalTime time = date == null ? null : time(text, 11, end);
        return time == null ? null : LocalDateTime.of(date, time);
    }

    private static LocalDate date(String text) {
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        if (year < 0 || month < 0 || day < 0 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        return valid(() -> LocalDate.of(year, month, day));
    }

    /** HH:mm, HH:mm:ss, or HH:mm:ss. with 3, 6 or 9 digits of fraction, from {@code at} to {@code end}. */
    private static LocalTime time(String text, int at, int end) {
        int length = end - at;
        if (length != 5 && length != 8 && length != 12 && length != 15 && length != 18) {
            return null;
        }
        int hour = digits(text, at, 2);
        int minute = digits(text, at + 3, 2);
        int second = length >= 8 ? digits(text, at + 6, 2) : 0;
        int fraction = length >= 12 ? digits(text, at + 9, length - 9) : 0;
        if (hour < 0 || minute < 0 || second < 0 || fraction < 0 || text.charAt(at + 2) != ':'
                || length >= 8 && text.charAt(at + 5) != ':' || length >= 12 && text.charAt(at + 8) != '.') {
            return null;
        }
        int nanos = fraction * (length == 12 ? 1_000_000 : length == 15 ? 1_000 : 1);
        return valid(() -> LocalTime.of(hour, minute, second, nanos));
    }

    /** The value of {@code count} ASCII digits at {@code at}, or -1. */
    private static int digits(String text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The value, or null when its fields are out of range (the JDK's parser then says why). */
    private static <T> T valid(Supplier<T> value) {
        try {
            return value.get();
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }
}
