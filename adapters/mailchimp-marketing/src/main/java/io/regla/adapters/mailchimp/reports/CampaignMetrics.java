package io.regla.adapters.mailchimp.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivery of one Mailchimp campaign or journey e-mail, counted per recipient as the Mandrill metrics are: a recipient
 * listed in the e-mail activity was <em>sent</em> the mail; one with a bounce <em>bounced</em>, the others were
 * <em>delivered</em>; opened and clicked count delivered recipients with at least one open or click, so the rates
 * (÷ delivered) stay within [0, 1] and match Mailchimp's own definition. A campaign whose per-recipient activity was
 * not read falls back to Mailchimp's summary figures.
 */
public record CampaignMetrics(String campaignId, String title, Instant sendTime, long sent, long delivered, long bounced,
                              long opened, long clicked, double openRate, double clickRate) {

    /** One row per report, newest send first. */
    public static List<CampaignMetrics> compute(Collection<CampaignReport> reports, Collection<CampaignRecipient> recipients) {
        Map<String, List<CampaignRecipient>> byCampaign = new HashMap<>();
        recipients.forEach(r -> byCampaign.computeIfAbsent(r.campaignId(), k -> new ArrayList<>()).add(r));
        List<CampaignMetrics> out = new ArrayList<>();
        for (CampaignReport report : reports) {
            List<CampaignRecipient> rs = byCampaign.getOrDefault(report.campaignId(), List.of());
            String title = report.title() == null || report.title().isBlank() ? report.campaignId() : report.title();
            if (rs.isEmpty()) {
                long bounced = report.hardBounces() + report.softBounces();
                long delivered = Math.max(0, report.emailsSent() - bounced);
                out.add(new CampaignMetrics(report.campaignId(), title, report.sendTime(), report.emailsSent(), delivered,
                        bounced, report.uniqueOpens(), report.uniqueClicks(), report.openRate(), report.clickRate()));
                continue;
            }
            long sent = rs.size();
            long bounced = rs.stream().filter(CampaignRecipient::bounced).count();
            long delivered = sent - bounced;
            long opened = rs.stream().filter(r -> !r.bounced() && r.opens() > 0).count();
            long clicked = rs.stream().filter(r -> !r.bounced() && r.clicks() > 0).count();
            out.add(new CampaignMetrics(report.campaignId(), title, report.sendTime(), sent, delivered, bounced, opened,
                    clicked, rate(opened, delivered), rate(clicked, delivered)));
        }
        out.sort(Comparator.comparing(CampaignMetrics::sendTime, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(CampaignMetrics::campaignId));
        return out;
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
