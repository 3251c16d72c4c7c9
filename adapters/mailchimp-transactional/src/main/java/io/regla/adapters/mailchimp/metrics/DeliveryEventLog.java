package io.regla.adapters.mailchimp.metrics;

import io.regla.adapters.mailchimp.metrics.DeliveryMetrics;
import io.regla.adapters.mailchimp.metrics.TemplateWeekMetrics;
import io.regla.adapters.mailchimp.webhook.MandrillEvent;
import io.regla.api.spi.FactStore;
import io.regla.api.spi.FactWrite;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Mandrill message events (send, open, click, bounce, ...) kept in the store, and the delivery metrics per
 * template and ISO week computed from them. Mandrill repeats a webhook call until it gets a 200, so recording is
 * idempotent: an event is stored under its message, kind, time and link, once.
 */
public final class DeliveryEventLog {

    private final FactStore facts;
    private final ZoneId zone;

    /** @param zone the zone whose calendar decides an event's ISO week (the rule sets' zone) */
    public DeliveryEventLog(FactStore facts, ZoneId zone) {
        this.facts = Objects.requireNonNull(facts, "facts");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Records a batch in one store write (one transaction on JDBC).
     *
     * @return how many of the events were new
     */
    public int record(List<MandrillEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        // the same event twice in one batch is one event (its id is the same)
        java.util.Map<String, MandrillEvent> byId = new java.util.LinkedHashMap<>();
        events.forEach(e -> byId.putIfAbsent(id(e), e));
        List<FactWrite> writes = byId.entrySet().stream().map(en -> new FactWrite(en.getKey(), en.getValue())).toList();
        return facts.putAll(writes).inserted();
    }

    /** Every template and week, template then week order. */
    public List<TemplateWeekMetrics> metrics() {
        return DeliveryMetrics.compute(facts.listAll(MandrillEvent.class), zone);
    }

    /** Only the rows matching: a null argument matches everything. */
    public List<TemplateWeekMetrics> metrics(String template, String isoWeek) {
        return metrics().stream()
                .filter(m -> template == null || template.equals(m.template()))
                .filter(m -> isoWeek == null || isoWeek.equals(m.isoWeek()))
                .toList();
    }

    static String id(MandrillEvent e) {
        String url = e.url() == null ? "" : "#" + UUID.nameUUIDFromBytes(e.url().getBytes(StandardCharsets.UTF_8));
        return e.messageId() + "#" + e.event() + "#" + e.ts().getEpochSecond() + url;
    }
}
