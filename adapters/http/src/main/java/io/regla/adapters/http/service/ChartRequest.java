package io.regla.adapters.http.service;

import io.javalin.http.Context;
import io.regla.adapters.http.BadRequestException;
import io.regla.adapters.http.HttpError;
import io.regla.rules.service.ChartQuery;
import io.regla.rules.service.Granularity;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code ?from=YYYY-MM-DD&to=YYYY-MM-DD&granularity=DAY|WEEK|MONTH} and the chart number of a path: every bad
 * value is a 400 naming its parameter. Without {@code from}/{@code to} the window is the 30 days ending today,
 * granularity WEEK ({@link ChartQuery#defaults(LocalDate)}); with only one of them, the other end is taken from that
 * default window (only {@code to}: the 30 days ending then; only {@code from}: up to today).
 */
final class ChartRequest {

    private ChartRequest() {
    }

    static ChartQuery query(Context ctx, LocalDate today) {
        return query(ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("granularity"), today);
    }

    static ChartQuery query(String from, String to, String granularity, LocalDate today) {
        LocalDate end = blank(to) ? today : date("to", to);
        ChartQuery window = ChartQuery.defaults(end);
        LocalDate start = blank(from) ? window.from() : date("from", from);
        Granularity g = blank(granularity) ? window.granularity() : granularity(granularity);
        if (start.isAfter(end)) {
            throw new BadRequestException("from", "from (" + start + ") is after to (" + end + ")");
        }
        try {
            return new ChartQuery(start, end, g);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("from", e.getMessage());
        }
    }

    /**
     * The chart number of {@code /service/charts/{n}} or {@code {n}.csv}: 1 to 8. Not a number is a 400 naming
     * {@code n}; a number outside 1..8 names no chart: 404.
     */
    static int chart(String n) {
        String digits = n.endsWith(".csv") ? n.substring(0, n.length() - 4) : n;
        int chart;
        try {
            chart = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new BadRequestException("n", "chart '" + n + "' is not a number: charts are 1 to 8");
        }
        if (chart < 1 || chart > 8) {
            throw new HttpError(404, "NOT_FOUND", "there is no chart " + chart + ": charts are 1 to 8", Map.of("field", "n"));
        }
        return chart;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field, field + " '" + value + "' is not a date YYYY-MM-DD");
        }
    }

    private static Granularity granularity(String value) {
        try {
            return Granularity.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("granularity", "granularity '" + value + "' is not one of "
                    + Arrays.stream(Granularity.values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
