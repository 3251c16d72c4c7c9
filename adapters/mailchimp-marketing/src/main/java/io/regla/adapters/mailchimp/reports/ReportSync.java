package io.regla.adapters.mailchimp.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.regla.adapters.mailchimp.marketing.MailchimpMarketingClient;
import io.regla.adapters.mailchimp.sync.Pages;
import io.regla.adapters.mailchimp.sync.PatientReader;
import io.regla.api.spi.FactWrite;
import io.regla.api.spi.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads Mailchimp's campaign and journey e-mail reports into the store: {@code GET /reports} (paged, campaigns sent
 * in the last {@code window}) as {@link CampaignReport}s, and for each {@code GET /reports/{id}/email-activity}
 * (paged) as {@link CampaignRecipient}s: who received, opened, clicked or bounced. Opens and clicks keep arriving
 * for days after a send, so every round re-reads the window whole and overwrites (writing the same content again
 * changes nothing); nothing older than the window is touched.
 */
public final class ReportSync {

    private static final Logger log = LoggerFactory.getLogger(ReportSync.class);
    private static final String REPORT_FIELDS = "reports.id,reports.campaign_title,reports.type,reports.subject_line,"
            + "reports.send_time,reports.emails_sent,reports.bounces,reports.opens,reports.clicks,total_items";
    private static final String ACTIVITY_FIELDS = "emails.campaign_id,emails.email_id,emails.email_address,emails.activity,total_items";

    private final Store store;
    private final PatientReader reader;
    private final Clock clock;
    private final Duration window;
    private final int pageSize;

    public ReportSync(Store store, PatientReader reader, Clock clock, Duration window, int pageSize) {
        this.store = Objects.requireNonNull(store, "store");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = Objects.requireNonNull(window, "window");
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("page size must be 1..1000 (Mailchimp's maximum count), was " + pageSize);
        }
        this.pageSize = pageSize;
    }

    public ReportSync(Store store, MailchimpMarketingClient client, Clock clock, Duration window) {
        this(store, new PatientReader(client), clock, window, 1000);
    }

    public ReportSyncReport run() {
        // whole seconds, as Mailchimp writes its own times (2026-03-10T13:00:00+00:00)
        Instant since = clock.instant().minus(window).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        int requests = 0;
        int recipients = 0;
        List<CampaignReport> reports = new ArrayList<>();
        for (int offset = 0; ; ) {
            JsonNode page = reader.read("read campaign reports", "/reports?count=" + pageSize + "&offset=" + offset
                    + "&since_send_time=" + enc(iso(since)) + "&fields=" + enc(REPORT_FIELDS));
            requests++;
            JsonNode list = page.path("reports");
            list.forEach(r -> reports.add(report(r)));
            offset += list.size();
            if (Pages.last(page, list.size(), offset, pageSize)) {
                break;
            }
        }
        for (CampaignReport report : reports) {
            String id = MailchimpMarketingClient.pathId("campaign_id", report.campaignId());
            for (int offset = 0; ; ) {
                JsonNode page = reader.read("read campaign e-mail activity", "/reports/" + id + "/email-activity?count="
                        + pageSize + "&offset=" + offset + "&fields=" + enc(ACTIVITY_FIELDS));
                requests++;
                JsonNode list = page.path("emails");
                List<FactWrite> writes = new ArrayList<>();
                list.forEach(e -> {
                    CampaignRecipient r = recipient(id, e);
                    writes.add(new FactWrite(r.storeId(), r));
                });
                if (!writes.isEmpty()) {
                    store.facts().putAll(writes);
                }
                recipients += writes.size();
                offset += list.size();
                if (Pages.last(page, list.size(), offset, pageSize)) {
                    break;
                }
            }
            // The summary after its recipients: a report in the store means its activity was read whole.
            store.facts().put(id, report);
        }
        ReportSyncReport result = new ReportSyncReport(since, reports.size(), recipients, requests);
        log.info("{}", result.summary());
        return result;
    }

    static CampaignReport report(JsonNode r) {
        String id = r.path("id").asText(null);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Mailchimp report without an id: " + r.toString().substring(0, Math.min(200, r.toString().length())));
        }
        JsonNode bounces = r.path("bounces");
        return new CampaignReport(id, r.path("campaign_title").asText(""), r.path("type").asText(""),
                r.path("subject_line").asText(""), instant(r.path("send_time").asText(null)), r.path("emails_sent").asLong(),
                bounces.path("hard_bounces").asLong(), bounces.path("soft_bounces").asLong() + bounces.path("syntax_errors").asLong(),
                r.path("opens").path("unique_opens").asLong(), r.path("opens").path("open_rate").asDouble(),
                r.path("clicks").path("unique_clicks").asLong(), r.path("clicks").path("click_rate").asDouble());
    }

    static CampaignRecipient recipient(String campaignId, JsonNode e) {
        String bounceType = null;
        int opens = 0;
        int clicks = 0;
        Instant firstOpen = null;
        for (JsonNode a : e.path("activity")) {
            switch (a.path("action").asText("")) {
                case "bounce" -> bounceType = a.path("type").asText("hard");
                case "open" -> {
                    opens++;
                    Instant t = instant(a.path("timestamp").asText(null));
                    if (t != null && (firstOpen == null || t.isBefore(firstOpen))) {
                        firstOpen = t;
                    }
                }
                case "click" -> clicks++;
                default -> {
                    // other actions Mailchimp may add are not counted
                }
            }
        }
        return new CampaignRecipient(campaignId, e.path("email_id").asText(""), e.path("email_address").asText(""),
                bounceType, opens, clicks, firstOpen);
    }

    private static Instant instant(String text) {
        return text == null || text.isBlank() ? null : OffsetDateTime.parse(text).toInstant();
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
