package io.regla.rules.nursery;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;

/** Working-day arithmetic for the rules: Monday to Friday, minus the rule set's holidays. */
public final class WorkingDays {

    private WorkingDays() {
    }

    public static boolean isWorkingDay(LocalDate day, Collection<?> holidays) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !holidays.contains(day);
    }

    /**
     * The last day of a span of {@code days} working days starting on {@code start} (itself a working
     * day, the first of the span): with no holidays, a 5-day span starting on a Monday ends on Friday.
     */
    public static LocalDate lastOf(LocalDate start, int days, Collection<?> holidays) {
        if (days < 1) throw new IllegalArgumentException("a span has at least one working day, got " + days);
        LocalDate day = start;
        int counted = isWorkingDay(start, holidays) ? 1 : 0;
        while (counted < days) {
            day = day.plusDays(1);
            if (isWorkingDay(day, holidays)) counted++;
        }
        return day;
    }
}
