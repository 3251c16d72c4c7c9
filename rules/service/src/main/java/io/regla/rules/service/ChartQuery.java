package io.regla.rules.service;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A chart's window, both days inclusive, and its grouping. Nothing is clamped silently: a window reaching further
 * back than two years before the as-of date is accepted, and the dashboard simply counts nothing older than that.
 */
public record ChartQuery(LocalDate from, LocalDate to, Granularity granularity) {

    /** The default window of the seed: the 30 days ending {@code today}, grouped by week. */
    public static final int DEFAULT_DAYS = 30;

    public ChartQuery {
        if (from == null) throw new IllegalArgumentException("from: missing (YYYY-MM-DD)");
        if (to == null) throw new IllegalArgumentException("to: missing (YYYY-MM-DD)");
        Objects.requireNonNull(granularity, "granularity");
        if (from.isAfter(to)) throw new IllegalArgumentException("from " + from + " is after to " + to);
    }

    /** The 30 days ending {@code today} (today included), weekly. */
    public static ChartQuery defaults(LocalDate today) {
        return new ChartQuery(today.minusDays(DEFAULT_DAYS - 1L), today, Granularity.WEEK);
    }

    /**
     * From request parameters, each optional: missing {@code from}/{@code to} take the default window's, a missing
     * granularity is WEEK. Bad text is an IllegalArgumentException naming the parameter.
     */
    public static ChartQuery parse(String from, String to, String granularity, LocalDate today) {
        ChartQuery d = defaults(today);
        return new ChartQuery(date("from", from, d.from()), date("to", to, d.to()),
                granularity == null || granularity.isBlank() ? Granularity.WEEK : Granularity.parse(granularity));
    }

    private static LocalDate date(String name, String text, LocalDate fallback) {
        if (text == null || text.isBlank()) return fallback;
        try {
            return LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": '" + text + "' is not a date YYYY-MM-DD");
        }
    }
}
