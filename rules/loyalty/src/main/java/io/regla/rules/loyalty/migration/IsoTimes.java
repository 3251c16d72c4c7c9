package io.regla.rules.loyalty.migration;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 instants with offset as the export and the migration's tables hold them ({@code 2025-03-01T10:15:30-03:00}),
 * parsed and formatted without {@link DateTimeFormatter} in the common shape: the migration reads tens of millions
 * (before, load, replay) and the generator writes them, and the formatter costs microseconds each. Any other shape
 * (fractions, seconds left out, an offset with seconds, a year past 9999) goes to the JDK, so the result and the
 * errors are always the JDK's: {@code OffsetDateTime.parse} and {@code ISO_OFFSET_DATE_TIME}.
 */
public final class IsoTimes {

    private IsoTimes() {
    }

    /** {@link OffsetDateTime#parse(CharSequence)}, the same value and the same {@link java.time.format.DateTimeParseException}. */
    public static OffsetDateTime parse(String s) {
        int n = s.length();
        if ((n == 25 || n == 20) && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T' && s.charAt(13) == ':'
                && s.charAt(16) == ':') {
            int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
            int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
            int offset = offset(s, n);
            if ((year | month | day | hour | minute | second) >= 0 && offset != Integer.MIN_VALUE) {
                try {
                    return OffsetDateTime.of(year, month, day, hour, minute, second, 0, ZoneOffset.ofTotalSeconds(offset));
                } catch (DateTimeException e) {
                    // out of range (month 13, 30 February…): the JDK's parser says so in its own words below
                }
            }
        }
        return OffsetDateTime.parse(s);
    }

    /** {@link java.time.LocalDate#parse(CharSequence)}, the same value and the same {@link java.time.format.DateTimeParseException}. */
    public static java.time.LocalDate date(String s) {
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
            if ((year | month | day) >= 0) {
                try {
                    return java.time.LocalDate.of(year, month, day);
                } catch (DateTimeException e) {
                    // out of range: the JDK's parser says so in its own words below
                }
            }
        }
        return java.time.LocalDate.parse(s);
    }

    /** {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t)}. */
    public static String format(OffsetDateTime t) {
        int year = t.getYear(), offset = t.getOffset().getTotalSeconds();
        if (t.getNano() != 0 || year < 0 || year > 9999 || offset % 60 != 0) return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        StringBuilder b = new StringBuilder(25);
        pad(b, year, 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2);
        if (offset == 0) return b.append('Z').toString();
        int abs = Math.abs(offset) / 60;
        b.append(offset < 0 ? '-' : '+');
        pad(b, abs / 60, 2).append(':');
        return pad(b, abs % 60, 2).toString();
    }

    private static StringBuilder pad(StringBuilder b, int v, int width) {
        String d = Integer.toString(v);
        for (int i = d.length(); i < width; i++) b.append('0');
        return b.append(d);
    }

    /** The number in {@code len} ASCII digits at {@code from}; -1 if one is not a digit. */
    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Seconds of the offset after the seconds ({@code Z} or {@code ±HH:MM}); MIN_VALUE when it is another shape. */
    private static int offset(String s, int n) {
        if (n == 20) return s.charAt(19) == 'Z' ? 0 : Integer.MIN_VALUE;
        char sign = s.charAt(19);
        if ((sign != '+' && sign != '-') || s.charAt(22) != ':') return Integer.MIN_VALUE;
        int h = digits(s, 20, 2), m = digits(s, 23, 2);
        if (h < 0 || m < 0 || h > 18 || m > 59) return Integer.MIN_VALUE;
        int total = h * 3600 + m * 60;
        return sign == '-' ? -total : total;
    }
}
