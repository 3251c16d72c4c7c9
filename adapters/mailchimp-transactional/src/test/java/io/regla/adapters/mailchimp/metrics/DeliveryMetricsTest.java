package io.regla.adapters.mailchimp.metrics;

import io.regla.adapters.mailchimp.webhook.MandrillEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryMetricsTest {

    static MandrillEvent event(String event, String at, String messageId, String template) {
        return new MandrillEvent(event, Instant.parse(at), messageId, messageId + "@example.com", template, List.of(), null, null, null, Map.of());
    }

    /**
     * Week 2023-W06 runs Monday 6 to Sunday 12 February 2023.
     * BIENVENIDA W06: m1 sent, opened twice, clicked; m2 sent, opened; m3 sent, hard bounce; m4 sent only; m5 rejected
     * (never sent); m6 sent on Sunday night and opened on Monday (counts in W06). So sent 5, bounces 1, delivered 4,
     * unique opens 3 (m1, m2, m6), unique clicks 1 (m1): open rate 3/4, click rate 1/4.
     * RECORDATORIO_ADAPTACION W07: m7 soft bounce, m8 clicked without an open event: sent 2, bounces 1, delivered 1,
     * opens 0, clicks 1. ENCUESTA_ADAPTACION W07: m9 only a hard bounce: sent 1, delivered 0, rates 0.
     */
    @Test
    void handCheckedEventSet() {
        List<MandrillEvent> events = List.of(
                event("send", "2023-02-06T09:00:00Z", "m1", "BIENVENIDA"),
                event("open", "2023-02-06T10:00:00Z", "m1", "BIENVENIDA"),
                event("open", "2023-02-07T10:00:00Z", "m1", "BIENVENIDA"),
                event("click", "2023-02-07T10:01:00Z", "m1", "BIENVENIDA"),
                event("send", "2023-02-07T09:00:00Z", "m2", "BIENVENIDA"),
                event("open", "2023-02-08T09:00:00Z", "m2", "BIENVENIDA"),
                event("send", "2023-02-08T09:00:00Z", "m3", "BIENVENIDA"),
                event("hard_bounce", "2023-02-08T09:01:00Z", "m3", "BIENVENIDA"),
                event("send", "2023-02-09T09:00:00Z", "m4", "BIENVENIDA"),
                event("reject", "2023-02-09T09:00:00Z", "m5", "BIENVENIDA"),
                event("open", "2023-02-13T07:00:00Z", "m6", "BIENVENIDA"),
                event("send", "2023-02-12T23:30:00Z", "m6", "BIENVENIDA"),
                event("send", "2023-02-14T09:00:00Z", "m7", "RECORDATORIO_ADAPTACION"),
                event("soft_bounce", "2023-02-14T12:00:00Z", "m7", "RECORDATORIO_ADAPTACION"),
                event("send", "2023-02-15T09:00:00Z", "m8", "RECORDATORIO_ADAPTACION"),
                event("click", "2023-02-15T11:00:00Z", "m8", "RECORDATORIO_ADAPTACION"),
                event("hard_bounce", "2023-02-16T09:00:00Z", "m9", "ENCUESTA_ADAPTACION"));

        assertThat(DeliveryMetrics.compute(events)).containsExactly(
                new TemplateWeekMetrics("BIENVENIDA", "2023-W06", 5, 4, 1, 3, 1, 0.75, 0.25),
                new TemplateWeekMetrics("ENCUESTA_ADAPTACION", "2023-W07", 1, 0, 1, 0, 0, 0.0, 0.0),
                new TemplateWeekMetrics("RECORDATORIO_ADAPTACION", "2023-W07", 2, 1, 1, 0, 1, 0.0, 1.0));
    }

    @Test
    void isoWeeksFollowTheWeekBasedYear() {
        assertThat(DeliveryMetrics.isoWeek(Instant.parse("2021-01-03T12:00:00Z"), java.time.ZoneOffset.UTC)).isEqualTo("2020-W53");
        assertThat(DeliveryMetrics.isoWeek(Instant.parse("2024-12-30T12:00:00Z"), java.time.ZoneOffset.UTC)).isEqualTo("2025-W01");
    }

    @Test
    void eventsWithoutATemplateAreGroupedApart() {
        List<MandrillEvent> events = new ArrayList<>();
        events.add(event("send", "2023-02-06T09:00:00Z", "x1", null));
        assertThat(DeliveryMetrics.compute(events)).extracting(TemplateWeekMetrics::template).containsExactly(DeliveryMetrics.NO_TEMPLATE);
        assertThat(DeliveryMetrics.compute(List.of())).isEmpty();
    }

    @Test
    void theTableShowsOneAlignedRowPerTemplateAndWeek() {
        String table = MetricsTable.format(List.of(
                new TemplateWeekMetrics("BIENVENIDA", "2023-W06", 5, 4, 1, 3, 1, 0.75, 0.25),
                new TemplateWeekMetrics("RECORDATORIO_ADAPTACION", "2023-W07", 2, 1, 1, 0, 1, 0.0, 1.0)));

        assertThat(table).isEqualTo(
                "template                 week      sent  delivered  bounces  unique_opens  unique_clicks  open_rate  click_rate\n"
              + "BIENVENIDA               2023-W06     5          4        1             3              1      75.0%       25.0%\n"
              + "RECORDATORIO_ADAPTACION  2023-W07     2          1        1             0              1       0.0%      100.0%\n");
    }
}
