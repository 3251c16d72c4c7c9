package io.regla.rules.quality.report;

import java.util.List;
import java.util.Map;

/**
 * Small charts drawn as inline SVG, so the report is one self-contained file (no script, no CDN) that a hospital's
 * IT team can open offline or attach to an e-mail.
 */
final class Svg {

    private static final String[] COLOURS = {"#c0392b", "#2471a3", "#d68910", "#239b56", "#7d3c98", "#566573",
            "#a04000", "#148f77"};

    private Svg() {
    }

    /** Horizontal bars, one per label, longest first as given. */
    static String bars(Map<String, Long> values, String title) {
        long max = Math.max(1, values.values().stream().mapToLong(Long::longValue).max().orElse(1));
        int row = 26, labelWidth = 180, barWidth = 420, height = row * values.size() + 36;
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"chart\" role=\"img\" width=\"").append(labelWidth + barWidth + 80).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(labelWidth + barWidth + 80).append(' ').append(height)
                .append("\"><title>").append(Html.esc(title)).append("</title>");
        int y = 10;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            long w = Math.max(2, Math.round((double) e.getValue() / max * barWidth));
            s.append("<text x=\"").append(labelWidth - 8).append("\" y=\"").append(y + 16)
                    .append("\" text-anchor=\"end\">").append(Html.esc(e.getKey())).append("</text>");
            s.append("<rect class=\"bar\" x=\"").append(labelWidth).append("\" y=\"").append(y + 3).append("\" width=\"")
                    .append(w).append("\" height=\"").append(row - 8).append("\" fill=\"#2471a3\"><title>")
                    .append(Html.esc(e.getKey())).append(": ").append(e.getValue()).append("</title></rect>");
            s.append("<text x=\"").append(labelWidth + w + 6).append("\" y=\"").append(y + 16).append("\">")
                    .append(e.getValue()).append("</text>");
            y += row;
        }
        return s.append("</svg>").toString();
    }

    /** Lines over runs: one series per name, x = run index (labels under the axis), y from zero. */
    static String lines(List<String> xLabels, Map<String, List<Long>> series, String title) {
        int width = 680, height = 260, left = 60, right = 150, top = 16, bottom = 56;
        int plotW = width - left - right, plotH = height - top - bottom;
        long max = Math.max(1, series.values().stream().flatMap(List::stream).mapToLong(Long::longValue).max().orElse(1));
        int n = xLabels.size();
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"chart\" role=\"img\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\"><title>")
                .append(Html.esc(title)).append("</title>");
        s.append("<line x1=\"").append(left).append("\" y1=\"").append(top + plotH).append("\" x2=\"").append(left + plotW)
                .append("\" y2=\"").append(top + plotH).append("\" stroke=\"#888\"/>");
        s.append("<line x1=\"").append(left).append("\" y1=\"").append(top).append("\" x2=\"").append(left)
                .append("\" y2=\"").append(top + plotH).append("\" stroke=\"#888\"/>");
        s.append("<text x=\"").append(left - 6).append("\" y=\"").append(top + 10).append("\" text-anchor=\"end\">")
                .append(max).append("</text><text x=\"").append(left - 6).append("\" y=\"").append(top + plotH)
                .append("\" text-anchor=\"end\">0</text>");
        for (int i = 0; i < n; i++) {
            double x = x(i, n, left, plotW);
            s.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(top + plotH + 16)
                    .append("\" text-anchor=\"middle\" class=\"small\">").append(Html.esc(xLabels.get(i))).append("</text>");
        }
        int c = 0;
        for (Map.Entry<String, List<Long>> e : series.entrySet()) {
            String colour = COLOURS[c % COLOURS.length];
            StringBuilder points = new StringBuilder();
            List<Long> ys = e.getValue();
            for (int i = 0; i < ys.size(); i++) {
                double x = x(i, n, left, plotW);
                double y = top + plotH - (double) ys.get(i) / max * plotH;
                points.append(fmt(x)).append(',').append(fmt(y)).append(' ');
                s.append("<circle cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(y)).append("\" r=\"3\" fill=\"")
                        .append(colour).append("\"><title>").append(Html.esc(e.getKey())).append(" ")
                        .append(Html.esc(xLabels.get(i))).append(": ").append(ys.get(i)).append("</title></circle>");
            }
            s.append("<polyline class=\"line\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"")
                    .append(points.toString().trim()).append("\"/>");
            s.append("<text x=\"").append(left + plotW + 10).append("\" y=\"").append(top + 12 + 16 * c)
                    .append("\" fill=\"").append(colour).append("\">").append(Html.esc(e.getKey())).append("</text>");
            c++;
        }
        return s.append("</svg>").toString();
    }

    private static double x(int i, int n, int left, int plotW) {
        return n <= 1 ? left + plotW / 2.0 : left + (double) i / (n - 1) * plotW;
    }

    private static String fmt(double d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d);
    }
}
