package io.regla.rules.loyalty;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * A zone's offset and calendar month of an instant, remembered by window: the rules ask for the month of the same few
 * instants' months many times per event ({@code Points.monthIndex} in their constraints), and each answer would
 * otherwise search the zone's transitions. A window is a range of epoch seconds {@code [from, to)} in which the zone's
 * offset does not change (it lies between two of the zone's transitions) and the local date stays in one calendar month
 * (at that offset); every instant in it has the same offset and the same month, daylight saving and offset changes
 * included, so a cached answer is the one the zone's rules give.
 *
 * <p>The windows sit in a table by UTC day of the instant asked (1,024 days, so a batch's events, their lots' earning
 * and expiry dates each find their own), replaced on a miss; a hit needs no zone lookup at all. Only the instants of a
 * day that holds a month's change (in the zone) can find the other month's window there and recompute. Windows are immutable and the table only ever holds correct ones, so threads may share it without locks: a
 * racing reader sees an older window or a newer one, both right for the instants they cover.
 */
final class ZoneCalendar {

    /** The calendar of the zone asked last (one zone per rule set version; any other is built on demand). */
    private static volatile ZoneCalendar last;

    private static final int SLOTS = 1024;
    private static final long PERIOD_SECONDS = 86_400L;

    /** Epoch seconds {@code [from, to)} with one offset and one month (year × 12 + month − 1) at that offset. */
    private record Window(long from, long to, ZoneOffset offset, int month) {
    }

    private final ZoneRules rules;
    private final Window[] windows = new Window[SLOTS];

    private ZoneCalendar(ZoneRules rules) {
        this.rules = rules;
    }

    /** The calendar of these zone rules (the last one asked for is kept). */
    static ZoneCalendar of(ZoneRules rules) {
        ZoneCalendar c = last;
        if (c == null || c.rules != rules) {
            c = new ZoneCalendar(rules);
            last = c;
        }
        return c;
    }

    /** The calendar month of the instant (its epoch second) in the zone, year × 12 + month − 1. */
    int monthIndex(long epochSecond) {
        return window(epochSecond).month;
    }

    /** The zone's offset at the instant (its epoch second), as {@code rules.getOffset(Instant.ofEpochSecond(epochSecond))}. */
    ZoneOffset offset(long epochSecond) {
        return window(epochSecond).offset;
    }

    private Window window(long epochSecond) {
        int slot = (int) (Math.floorDiv(epochSecond, PERIOD_SECONDS) & (SLOTS - 1));
        Window w = windows[slot];
        if (w != null && epochSecond >= w.from && epochSecond < w.to) return w;
        w = compute(epochSecond);
        windows[slot] = w;
        return w;
    }

    private Window compute(long epochSecond) {
        ZoneOffset offset = rules.getOffset(Instant.ofEpochSecond(epochSecond));
        int seconds = offset.getTotalSeconds();
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(epochSecond + seconds, 86_400L));
        LocalDate first = day.withDayOfMonth(1);
        // the month at this offset: local midnights of its first day and of the next month's, as instants
        long monthFrom = first.toEpochDay() * 86_400L - seconds;
        long monthTo = first.plusMonths(1).toEpochDay() * 86_400L - seconds;
        // the offset's own range: from the last transition at or before the instant (previousTransition is strictly
        // before its argument, hence the second more) to the first one after it
        ZoneOffsetTransition before = rules.previousTransition(Instant.ofEpochSecond(epochSecond + 1));
        ZoneOffsetTransition after = rules.nextTransition(Instant.ofEpochSecond(epochSecond));
        long from = Math.max(monthFrom, before == null ? Long.MIN_VALUE : before.toEpochSecond());
        long to = Math.min(monthTo, after == null ? Long.MAX_VALUE : after.toEpochSecond());
        return new Window(from, to, offset, day.getYear() * 12 + day.getMonthValue() - 1);
    }
}
