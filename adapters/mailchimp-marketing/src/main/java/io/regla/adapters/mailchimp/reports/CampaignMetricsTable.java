package io.regla.adapters.mailchimp.reports;

import java.util.List;
import java.util.Locale;

/** Prints {@link CampaignMetrics} as an aligned text table, columns in the order of the Mandrill metrics table. */
public final class CampaignMetricsTable {

    private static final String[] HEADERS = {"campaign", "sent_on", "sent", "delivered", "bounces", "unique_opens",
            "unique_clicks", "open_rate", "click_rate"};

    private CampaignMetricsTable() {
    }

    public static String format(List<CampaignMetrics> metrics, java.time.ZoneId zone) {
        String[][] rows = new String[metrics.size() + 1][];
        rows[0] = HEADERS;
        for (int i = 0; i < metrics.size(); i++) {
            CampaignMetrics m = metrics.get(i);
            rows[i + 1] = new String[]{m.title(), m.sendTime() == null ? "-" : m.sendTime().atZone(zone).toLocalDate().toString(),
                    Long.toString(m.sent()), Long.toString(m.delivered()), Long.toString(m.bounced()),
                    Long.toString(m.opened()), Long.toString(m.clicked()), percent(m.openRate()), percent(m.clickRate())};
        }
        int[] width = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String fill = " ".repeat(width[c] - row[c].length());
                line.append(c == 0 ? "" : "  ").append(c < 2 ? row[c] + fill : fill + row[c]);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }
}
