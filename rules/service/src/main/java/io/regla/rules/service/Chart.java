package io.regla.rules.service;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One chart's data, serialised as the issue fixes it:
 * {@code {"chart":n,"title":"…","from":"…","to":"…","granularity":"WEEK","totals":{…},"series":[…]}}.
 * Totals: chart 1 {@code {conversations, successful}}, chart 3 {@code {conversations, withSale, conversionRate}},
 * chart 4 {@code {revenue}}; the others carry their own sums.
 */
public record Chart(int chart, String title, LocalDate from, LocalDate to, Granularity granularity,
                    Map<String, Object> totals, List<ChartSeries> series) {

    public Chart {
        totals = Collections.unmodifiableMap(new LinkedHashMap<>(totals));   // key order is the JSON's order
        series = List.copyOf(series);
    }
}
