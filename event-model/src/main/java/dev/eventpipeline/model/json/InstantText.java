package dev.eventpipeline.model.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Parser for ISO-8601 instants: {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|+HH:mm|+HHmm|+HH)}, with
 * 1 to 9 fraction digits and any offset up to ±18:00. Returns null on anything else, without
 * throwing: {@code DateTimeFormatter} reports bad input with an exception, which is too dear on a
 * path that sees hostile payloads.
 */
final class InstantText {

    private static final int MAX_OFFSET_SECONDS = 18 * 3600;

    private InstantText() {}

    static Instant parse(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || !isTimeSeparator(s.charAt(10))
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1
                || day > Month.of(month).length(Year.isLeap(year))
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int pos = 19;
        int nanos = 0;
        if (pos < n && (s.charAt(pos) == '.' || s.charAt(pos) == ',')) {
            pos++;
            int start = pos;
            while (pos < n && pos - start < 10 && isDigit(s.charAt(pos))) {
                nanos = nanos * 10 + (s.charAt(pos) - '0');
                pos++;
            }
            int count = pos - start;
            if (count == 0 || count > 9) {
                return null;
            }
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds = parseOffset(s, pos);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return null;
        }
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400L
                + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** Offset in seconds from {@code pos} to the end of {@code s}, or MIN_VALUE if invalid. */
    private static int parseOffset(String s, int pos) {
        int rest = s.length() - pos;
        if (rest == 1 && (s.charAt(pos) == 'Z' || s.charAt(pos) == 'z')) {
            return 0;
        }
        if (rest != 3 && rest != 5 && rest != 6) {
            return Integer.MIN_VALUE;
        }
        char sign = s.charAt(pos);
        if (sign != '+' && sign != '-') {
            return Integer.MIN_VALUE;
        }
        int hours = digits(s, pos + 1, 2);
        int minutes = 0;
        if (rest == 5) {
            minutes = digits(s, pos + 3, 2);
        } else if (rest == 6) {
            minutes = s.charAt(pos + 3) == ':' ? digits(s, pos + 4, 2) : -1;
        }
        if (hours < 0 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int total = hours * 3600 + minutes * 60;
        if (total > MAX_OFFSET_SECONDS) {
            return Integer.MIN_VALUE;
        }
        return sign == '-' ? -total : total;
    }

    private static boolean isTimeSeparator(char c) {
        return c == 'T' || c == 't';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The unsigned decimal number in {@code s[from, from+count)}, or -1 if any char is no digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
