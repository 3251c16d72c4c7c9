package io.regla.rules.quality.contract;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Fast paths for the ISO forms data files hold ({@code 2026-03-01}, {@code 2026-03-01T09:00[:00[.123]]} with
 * {@code Z}, {@code ±hh:mm} or no offset): java.time's general parser costs a few microseconds a value, which is
 * most of a check's time on a date-heavy dataset. Anything else falls back to java.time, so the accepted forms are
 * exactly java.time's.
 */
final class IsoTime {

    private IsoTime() {
    }

    static LocalDate date(String s) {
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            int y = digits(s, 0, 4), m = digits(s, 5, 7), d = digits(s, 8, 10);
            if (y >= 0 && m >= 0 && d >= 0) {
                try {
                    return LocalDate.of(y, m, d);
                } catch (DateTimeException e) {
                    throw new DateTimeParseException("invalid date", s, 0);
                }
            }
        }
        return LocalDate.parse(s);
    }

    static Instant instant(String s, ZoneId zone) {
        int n = s.length();
        if (n >= 16 && s.charAt(4) == '-' && s.charAt(7) == '-' && (s.charAt(10) == 'T' || s.charAt(10) == ' ')
                && s.charAt(13) == ':') {
            int y = digits(s, 0, 4), mo = digits(s, 5, 7), d = digits(s, 8, 10), h = digits(s, 11, 13), mi = digits(s, 14, 16);
            int i = 16, sec = 0, nano = 0;
            boolean ok = y >= 0 && mo >= 0 && d >= 0 && h >= 0 && mi >= 0;
            if (ok && i < n && s.charAt(i) == ':') {
                sec = i + 3 <= n ? digits(s, i + 1, i + 3) : -1;
                ok = sec >= 0;
                i += 3;
                if (ok && i < n && s.charAt(i) == '.') {
                    int start = ++i;
                    while (i < n && Character.isDigit(s.charAt(i))) i++;
                    int len = i - start;
                    ok = len >= 1 && len <= 9;
                    if (ok) nano = digits(s, start, i) * (int) Math.pow(10, 9 - len);
                }
            }
            if (ok) {
                try {
                    LocalDateTime local = LocalDateTime.of(y, mo, d, h, mi, sec, nano);
                    if (i == n) return local.atZone(zone).toInstant();
                    char c = s.charAt(i);
                    if ((c == 'Z' || c == 'z') && i == n - 1) return local.toInstant(ZoneOffset.UTC);
                    if ((c == '+' || c == '-') && n - i == 6 && s.charAt(i + 3) == ':') {
                        int oh = digits(s, i + 1, i + 3), om = digits(s, i + 4, i + 6);
                        if (oh >= 0 && om >= 0) {
                            int total = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
                            return local.toInstant(ZoneOffset.ofTotalSeconds(total));
                        }
                    }
                } catch (DateTimeException e) {
                    throw new DateTimeParseException("invalid date-time", s, 0);
                }
            }
        }
        return slow(s, zone);
    }

    static Instant slow(String text, ZoneId zone) {
        String s = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        char last = s.charAt(s.length() - 1);
        boolean offset = last == 'Z' || last == 'z' || hasOffset(s);
        return offset ? OffsetDateTime.parse(s).toInstant() : LocalDateTime.parse(s).atZone(zone).toInstant();
    }

    private static boolean hasOffset(String s) {
        for (int i = s.length() - 1; i > 15; i--) {
            char c = s.charAt(i);
            if (c == '+' || c == '-') return true;
        }
        return false;
    }

    /** The non-negative number in s[from, to), or -1 if a character is not a digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
