package io.regla.adapters.mailchimp.metrics;

import io.regla.adapters.mailchimp.webhook.MandrillEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryMetricsProperties {

    private static final List<String> KINDS = List.of("send", "deferral", "hard_bounce", "soft_bounce", "open", "click",
            "spam", "unsub", "reject");
    private static final List<String> TEMPLATES = List.of("BIENVENIDA", "RECORDATORIO_ADAPTACION", "ENCUESTA_ADAPTACION");
    private static final long START = Instant.parse("2023-01-30T00:00:00Z").getEpochSecond();

    @Provide
    Arbitrary<MandrillEvent> events() {
        Arbitrary<Integer> message = Arbitraries.integers().between(0, 30);
        Arbitrary<String> kind = Arbitraries.of(KINDS);
        Arbitrary<Long> offset = Arbitraries.longs().between(0, 21L * 24 * 3600);
        // A message has one template, as in Mandrill.
        return Combinators.combine(message, kind, offset).as((m, k, o) -> new MandrillEvent(k, Instant.ofEpochSecond(START + o),
                "m" + m, "r" + m + "@example.com", TEMPLATES.get(m % TEMPLATES.size()), List.of(), null, null, null, Map.of()));
    }

    @Property(tries = 200)
    void ratesStayWithinZeroAndOneAndCountsAddUp(@ForAll @Size(max = 120) List<@net.jqwik.api.From("events") MandrillEvent> events) {
        for (TemplateWeekMetrics m : DeliveryMetrics.compute(events)) {
            assertThat(m.openRate()).isBetween(0.0, 1.0);
            assertThat(m.clickRate()).isBetween(0.0, 1.0);
            assertThat(m.delivered()).isEqualTo(m.sent() - m.bounces()).isNotNegative();
            assertThat(m.uniqueOpens()).isLessThanOrEqualTo(m.delivered());
            assertThat(m.uniqueClicks()).isLessThanOrEqualTo(m.delivered());
        }
    }

    @Property(tries = 200)
    void repeatedAndReorderedEventsDoNotChangeTheNumbers(@ForAll @Size(max = 120) List<@net.jqwik.api.From("events") MandrillEvent> events,
                                                       @ForAll long seed) {
        List<MandrillEvent> redelivered = new ArrayList<>(events);
        Random random = new Random(seed);
        for (MandrillEvent e : events) {
            if (random.nextBoolean()) {
                redelivered.add(e);
            }
        }
        Collections.shuffle(redelivered, random);

        assertThat(DeliveryMetrics.compute(redelivered)).isEqualTo(DeliveryMetrics.compute(events));
    }

    @Property(tries = 100)
    void anotherOpenOfAnOpenedMessageDoesNotCountTwice(@ForAll @Size(min = 1, max = 60) List<@net.jqwik.api.From("events") MandrillEvent> events) {
        MandrillEvent any = events.get(0);
        List<MandrillEvent> withOpens = new ArrayList<>(events);
        withOpens.add(new MandrillEvent("open", any.ts(), any.messageId(), any.email(), any.template(), List.of(), null, null, null, Map.of()));
        List<MandrillEvent> withMoreOpens = new ArrayList<>(withOpens);
        withMoreOpens.add(new MandrillEvent("open", any.ts().plusSeconds(60), any.messageId(), any.email(), any.template(), List.of(), null, null, null, Map.of()));

        assertThat(DeliveryMetrics.compute(withMoreOpens)).isEqualTo(DeliveryMetrics.compute(withOpens));
    }
}
