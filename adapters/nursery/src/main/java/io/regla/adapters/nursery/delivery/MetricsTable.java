package io.regla.adapters.nursery.delivery;

import io.regla.adapters.mailchimp.metrics.TemplateWeekMetrics;

import java.util.List;
import java.util.Locale;

/** Delivery metrics as a fixed-width text table, for the CLI and the demo. */
public final class MetricsTable {

    private MetricsTable() {
    }

    public static String format(List<TemplateWeekMetrics> rows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-26s %-9s %6s %9s %7s %6s %6s %9s %10s%n",
                "template", "week", "sent", "delivered", "bounces", "opens", "clicks", "open_rate", "click_rate"));
        for (TemplateWeekMetrics m : rows) {
            out.append(String.format(Locale.ROOT, "%-26s %-9s %6d %9d %7d %6d %6d %8.1f%% %9.1f%%%n", m.template(), m.isoWeek(),
                    m.sent(), m.delivered(), m.bounces(), m.uniqueOpens(), m.uniqueClicks(), 100 * m.openRate(),
                    100 * m.clickRate()));
        }
        if (rows.isEmpty()) {
            out.append("(no delivery events recorded)\n");
        }
        return out.toString();
    }
}
