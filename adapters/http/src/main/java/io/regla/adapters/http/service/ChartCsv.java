package io.regla.adapters.http.service;

import io.regla.rules.service.Chart;
import io.regla.rules.service.ChartPoint;
import io.regla.rules.service.ChartSeries;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A chart's data as CSV (RFC 4180, UTF-8, comma, header {@code series,x,y}): one row per point of every series, then
 * one row per total ({@code series} = {@code total}, {@code x} = the total's name). A cell an analyst's spreadsheet
 * would run as a formula ({@code = + - @} first) is prefixed with an apostrophe, so an agent or channel name cannot
 * execute in Excel.
 */
final class ChartCsv {

    private ChartCsv() {
    }

    static String write(Chart chart) {
        StringBuilder out = new StringBuilder("series,x,y\r\n");
        for (ChartSeries s : chart.series()) {
            for (ChartPoint p : s.points()) {
                row(out, s.name(), p.x(), number(p.y()));
            }
        }
        for (Map.Entry<String, Object> total : chart.totals().entrySet()) {
            Object v = total.getValue();
            row(out, "total", total.getKey(), v instanceof Number n ? number(n.doubleValue()) : String.valueOf(v));
        }
        return out.toString();
    }

    /** {@code grafica-3_2024-01-01_2024-01-30_WEEK.csv} */
    static String fileName(Chart chart) {
        return "grafica-" + chart.chart() + "_" + chart.from() + "_" + chart.to() + "_" + chart.granularity() + ".csv";
    }

    private static void row(StringBuilder out, String series, String x, String y) {
        out.append(cell(series)).append(',').append(cell(x)).append(',').append(y).append("\r\n");
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    /** 12 for a whole number, 0.4375 otherwise (never an exponent, never a locale's decimal comma). */
    static String number(double y) {
        if (Double.isNaN(y) || Double.isInfinite(y)) {
            return "";
        }
        if (y == Math.rint(y) && Math.abs(y) < 1e15) {
            return Long.toString((long) y);
        }
        return BigDecimal.valueOf(y).stripTrailingZeros().toPlainString();
    }
}
