package io.regla.adapters.mailchimp.metrics;

import io.regla.adapters.mailchimp.webhook.MandrillEvent;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Delivery metrics per template and ISO week, computed from Mandrill events alone (a pure function: same events,
 * same numbers, whatever their order or how often Mandrill repeated one).
 *
 * <p>Everything is counted per message ({@code _id}, one per recipient), and a message belongs to the week of
 * its earliest event, so a mail sent on Sunday and opened on Monday counts as opened in Sunday's week. A message
 * counts as <em>sent</em> once any event shows Mandrill handed it to the receiving server (everything but
 * {@code reject}, which Mandrill never sent); it is a <em>bounce</em> if it hard- or soft-bounced, and
 * <em>delivered</em> otherwise. Unique opens and clicks count delivered messages with at least one open or click,
 * so {@code open_rate} and {@code click_rate} (= unique opens or clicks ÷ (sent − bounces)) stay within [0, 1].
 */
public final class DeliveryMetrics {

    /** The template label for events that carry none (mail not sent through a template). */
    public static final String NO_TEMPLATE = "(none)";

    private DeliveryMetrics() {
    }

    public static List<TemplateWeekMetrics> compute(Collection<MandrillEvent> events) {
        return compute(events, ZoneId.of("UTC"));
    }

    /** @param zone the zone whose calendar decides the ISO week */
    public static List<TemplateWeekMetrics> compute(Collection<MandrillEvent> events, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        Map<String, MessageHistory> messages = new HashMap<>();
        for (MandrillEvent e : events) {
            messages.computeIfAbsent(e.messageId(), id -> new MessageHistory()).add(e);
        }
        Map<String, Counter> byTemplateWeek = new TreeMap<>();
        for (MessageHistory m : messages.values()) {
            if (!m.sent) {
                continue;
            }
            String template = m.template == null ? NO_TEMPLATE : m.template;
            String week = isoWeek(m.first, zone);
            byTemplateWeek.computeIfAbsent(template + '\u0000' + week, k -> new Counter(template, week)).add(m);
        }
        List<TemplateWeekMetrics> result = new ArrayList<>();
        byTemplateWeek.values().forEach(c -> result.add(c.toMetrics()));
        result.sort(Comparator.comparing(TemplateWeekMetrics::template).thenComparing(TemplateWeekMetrics::isoWeek));
        return result;
    }

    static String isoWeek(Instant instant, ZoneId zone) {
        ZonedDateTime t = instant.atZone(zone);
        return String.format("%d-W%02d", t.get(IsoFields.WEEK_BASED_YEAR), t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static final class MessageHistory {
        Instant first;
        String template;
        boolean sent;
        boolean bounced;
        boolean opened;
        boolean clicked;

        void add(MandrillEvent e) {
            if (first == null || e.ts().isBefore(first)) {
                first = e.ts();
            }
            // All events of a message carry its template; picking the least keeps the result independent of order.
            if (e.template() != null && (template == null || e.template().compareTo(template) < 0)) {
                template = e.template();
            }
            if (!MandrillEvent.REJECT.equals(e.event())) {
                sent = true;
            }
            bounced |= e.isBounce();
            opened |= MandrillEvent.OPEN.equals(e.event());
            clicked |= MandrillEvent.CLICK.equals(e.event());
        }
    }

    private static final class Counter {
        final String template;
        final String week;
        long sent;
        long bounces;
        long opens;
        long clicks;

        Counter(String template, String week) {
            this.template = template;
            this.week = week;
        }

        void add(MessageHistory m) {
            sent++;
            if (m.bounced) {
                bounces++;
            } else {
                opens += m.opened ? 1 : 0;
                clicks += m.clicked ? 1 : 0;
            }
        }

        TemplateWeekMetrics toMetrics() {
            long delivered = sent - bounces;
            return new TemplateWeekMetrics(template, week, sent, delivered, bounces, opens, clicks,
                    rate(opens, delivered), rate(clicks, delivered));
        }

        private static double rate(long part, long whole) {
            return whole == 0 ? 0.0 : (double) part / whole;
        }
    }
}
