package io.regla.rules.service;

import java.util.List;
import java.util.Set;

/**
 * One named series of a chart.
 *
 * @param kind how the browser draws it: {@code bar}, {@code line}, {@code pie}, {@code area} or {@code hbar}
 */
public record ChartSeries(String name, String kind, List<ChartPoint> points) {

    public static final Set<String> KINDS = Set.of("bar", "line", "pie", "area", "hbar");

    public ChartSeries {
        if (!KINDS.contains(kind)) throw new IllegalArgumentException("kind '" + kind + "' is not one of " + KINDS);
        points = List.copyOf(points);
    }
}
