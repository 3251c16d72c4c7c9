package io.regla.rules.loyalty.migration;

import io.regla.rules.loyalty.MemberStatus;
import io.regla.rules.loyalty.Tier;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * The single-record checks of the export (its contract: required fields, types, enums, ranges), in the
 * quality domain's order: the first failing check is the row's reject. Messages name the field, never its
 * value when the field is personal data.
 */
final class RowParser {

    private final Instant firstVersion;

    RowParser(Instant firstVersion) {
        this.firstVersion = firstVersion;
    }

    /** Thrown for a refused row; the caller turns it into a reject. */
    static final class Refused extends Exception {
        final String check;

        Refused(String check, String detail) {
            super(detail, null, false, false);
            this.check = check;
        }
    }

    Object parse(LegacyFile file, long line, String text) throws Refused {
        return parse(file, line, Csv.parse(text));
    }

    /** The same, for a line already split ({@link Csv#parse}: null for an open quote). */
    Object parse(LegacyFile file, long line, String[] f) throws Refused {
        if (f == null) throw new Refused(Checks.MALFORMED_LINE, "an opening quote is never closed");
        if (f.length != file.header().size()) {
            throw new Refused(Checks.MALFORMED_LINE, f.length + " fields, " + file.header().size() + " expected");
        }
        return switch (file) {
            case MEMBERS -> new LegacyRows.Member(line, required(file, f, 0), f[1], f[2], f[3], tier(required(file, f, 4)),
                    status(required(file, f, 5)), f[6].isEmpty() ? null : date(f[6], "enrolled_on"),
                    integer(required(file, f, 7), "points_balance"));
            case TRANSACTIONS -> {
                String id = required(file, f, 0), member = required(file, f, 1);
                OffsetDateTime at = instant(required(file, f, 2), "posted_at");
                BigDecimal amount = amount(required(file, f, 3), "amount");
                if (amount.signum() < 0) throw new Refused(Checks.RANGE, "amount is negative");
                early(at, "posted_at");
                yield new LegacyRows.Transaction(line, id, member, at, amount, f[4], f[5], f[6], f[7]);
            }
            case REFUNDS -> {
                String id = required(file, f, 0), tx = required(file, f, 1);
                OffsetDateTime at = instant(required(file, f, 2), "refunded_at");
                BigDecimal amount = amount(required(file, f, 3), "amount");
                if (amount.signum() < 0) throw new Refused(Checks.RANGE, "amount is negative");
                early(at, "refunded_at");
                yield new LegacyRows.Refund(line, id, tx, null, at, amount);
            }
            case REDEMPTIONS -> {
                String id = required(file, f, 0), member = required(file, f, 1);
                OffsetDateTime at = instant(required(file, f, 2), "requested_at");
                long points = integer(required(file, f, 3), "points");
                if (points <= 0) throw new Refused(Checks.RANGE, "points must be positive, not " + points);
                early(at, "requested_at");
                yield new LegacyRows.Redemption(line, id, member, at, points, f[4]);
            }
        };
    }

    private void early(OffsetDateTime at, String field) throws Refused {
        if (at.toInstant().isBefore(firstVersion)) {
            throw new Refused(Checks.BEFORE_FIRST_VERSION, field + " " + at + " is before the first loyalty rules (" + firstVersion + ")");
        }
    }

    private static String required(LegacyFile file, String[] f, int i) throws Refused {
        String v = f[i].trim();
        if (v.isEmpty()) throw new Refused(Checks.REQUIRED, file.header().get(i) + " is empty");
        return v;
    }

    private static String tier(String v) throws Refused {
        if (Arrays.stream(Tier.values()).noneMatch(t -> t.name().equals(v))) {
            throw new Refused(Checks.ENUM, "tier " + v + " is not one of " + Arrays.toString(Tier.values()));
        }
        return v;
    }

    private static String status(String v) throws Refused {
        if (Arrays.stream(MemberStatus.values()).noneMatch(t -> t.name().equals(v))) {
            throw new Refused(Checks.ENUM, "status " + v + " is not one of " + Arrays.toString(MemberStatus.values()));
        }
        return v;
    }

    private static long integer(String v, String field) throws Refused {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new Refused(Checks.TYPE, field + " is not a whole number");
        }
    }

    private static BigDecimal amount(String v, String field) throws Refused {
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new Refused(Checks.TYPE, field + " is not a number");
        }
    }

    private static LocalDate date(String v, String field) throws Refused {
        try {
            return IsoTimes.date(v);
        } catch (DateTimeParseException e) {
            throw new Refused(Checks.TYPE, field + " is not an ISO date (yyyy-mm-dd)");
        }
    }

    private static OffsetDateTime instant(String v, String field) throws Refused {
        try {
            return IsoTimes.parse(v);
        } catch (DateTimeParseException e) {
            throw new Refused(Checks.TYPE, field + " is not an ISO-8601 instant with offset");
        }
    }
}
