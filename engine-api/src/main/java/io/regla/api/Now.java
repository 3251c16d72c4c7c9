package io.regla.api;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;

/**
 * The engine clock as a fact. The engine inserts one {@code Now} into every session whose rules can match it and
 * replaces it when the caller advances the clock, so rules that join on it re-evaluate. Rules read
 * time only from here ({@code Now($today : date)}), never from the system clock.
 *
 * @param instant the as-of instant
 * @param zone    the rule set's time zone, used for calendar questions
 */
public record Now(Instant instant, ZoneId zone) {

    public ZonedDateTime zoned() {
        return instant.atZone(zone);
    }

    /** The calendar date in the rule set's zone. */
    public LocalDate date() {
        return zoned().toLocalDate();
    }

    public LocalDateTime dateTime() {
        return zoned().toLocalDateTime();
    }

    public DayOfWeek dayOfWeek() {
        return zoned().getDayOfWeek();
    }

    /** ISO week as {@code 2026-W10}: handy for "at most once a week" rules. */
    public String isoWeek() {
        return isoWeekOf(date());
    }

    public static String isoWeekOf(LocalDate date) {
        return String.format("%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public boolean isBefore(Instant other) {
        return instant.isBefore(other);
    }
}
