package io.regla.adapters.mailchimp.metrics;

import java.util.List;
import java.util.Locale;

/** Prints {@link TemplateWeekMetrics} as an aligned text table, as {@code regla} shows them. */
public final class MetricsTable {

    private static final String[] HEADERS = {"template", "week", "sent", "delivered", "bounces", "unique_opens",
            "unique_clicks", "open_rate", "click_rate"};

    private MetricsTable() {
    }

    public static String format(List<TemplateWeekMetrics> metrics) {
        return format(metrics, HEADERS[0], HEADERS[1]);
    }

    /**
     * The same table with other names for its two label columns ({@code source} and {@code period} for the two
     * sources' totals side by side).
     */
    public static String format(List<TemplateWeekMetrics> metrics, String firstLabel, String secondLabel) {
        String[][] rows = new String[metrics.size() + 1][];
        rows[0] = HEADERS.clone();
        rows[0][0] = firstLabel;
        rows[0][1] = secondLabel;
        for (int i = 0; i < metrics.size(); i++) {
            TemplateWeekMetrics m = metrics.get(i);
            rows[i + 1] = new String[]{m.template(), m.isoWeek(), Long.toString(m.sent()), Long.toString(m.delivered()),
                    Long.toString(m.bounces()), Long.toString(m.uniqueOpens()), Long.toString(m.uniqueClicks()),
                    percent(m.openRate()), percent(m.clickRate())};
        }
        int[] width = new int[rows[0].length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                // Names left-aligned, numbers right-aligned.
                String cell = c < 2 ? pad(row[c], width[c], false) : pad(row[c], width[c], true);
                line.append(c == 0 ? "" : "  ").append(cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }
}
