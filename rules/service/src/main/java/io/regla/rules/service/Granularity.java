package io.regla.rules.service;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** The period a chart groups by: a day, an ISO week (starting Monday) or a calendar month. */
public enum Granularity {
    DAY, WEEK, MONTH;

    /** The first day of the period {@code date} falls in: its label on a chart's x axis. */
    public LocalDate periodStart(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
    }

    /** The first day of the period after the one starting at {@code start}. */
    public LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }

    /** Parses {@code DAY|WEEK|MONTH} (any case); a clear error otherwise. */
    public static Granularity parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("granularity: missing; expected DAY, WEEK or MONTH");
        try {
            return valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("granularity: '" + text + "' is not one of DAY, WEEK, MONTH");
        }
    }
}
