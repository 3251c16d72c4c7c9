package io.regla.adapters.mailchimp.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.regla.adapters.mailchimp.marketing.MailchimpMarketingClient;
import io.regla.adapters.mailchimp.sync.Pages;
import io.regla.adapters.mailchimp.sync.PatientReader;
import io.regla.api.spi.DeliveryException;
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
import java.util.Optional;

/**
 * Reads Mailchimp's campaign and journey e-mail reports into the store as {@link CampaignReport}s, and for each its
 * {@code GET /reports/{id}/email-activity} (paged) as {@link CampaignRecipient}s: who received, opened, clicked or
 * bounced. Which campaigns:
 * <ul>
 * <li>named ({@link #named}): {@code GET /reports/{campaign_id}} for each, the two endpoints Mailchimp's documented
 *     contract lists, no listing; a campaign Mailchimp does not know (404 "Resource Not Found") is named in the
 *     report and the others are read;</li>
 * <li>otherwise, the convenient default: {@code GET /reports} (paged, campaigns sent in the last {@code window}).
 *     If that listing answers 404 (a Mailchimp-compatible service without it) the round fails with one line saying
 *     to name the campaigns instead.</li>
 * </ul>
 * Opens and clicks keep arriving for days after a send, so every round re-reads whole and overwrites (writing the
 * same content again changes nothing); nothing older than the window is touched unless named. A 429 backs off
 * exponentially (1 s, 2 s, 4 s ... capped at 60 s; see {@link PatientReader}).
 */
public final class ReportSync {

    private static final Logger log = LoggerFactory.getLogger(ReportSync.class);
    private static final String REPORT_FIELDS = "reports.id,reports.campaign_title,reports.type,reports.subject_line,"
            + "reports.send_time,reports.emails_sent,reports.bounces,reports.opens,reports.clicks,reports.unsubscribed,total_items";

    private final Store store;
    private final PatientReader reader;
    private final Clock clock;
    private final Duration window;
    private final int pageSize;
    private final List<String> campaignIds;

    public ReportSync(Store store, PatientReader reader, Clock clock, Duration window, int pageSize) {
        this(store, reader, clock, window, pageSize, List.of());
    }

    private ReportSync(Store store, PatientReader reader, Clock clock, Duration window, int pageSize, List<String> campaignIds) {
        this.store = Objects.requireNonNull(store, "store");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = Objects.requireNonNull(window, "window");
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("page size must be 1..1000 (Mailchimp's maximum count), was " + pageSize);
        }
        this.pageSize = pageSize;
        this.campaignIds = campaignIds.stream().map(id -> MailchimpMarketingClient.pathId("campaign_id", id)).distinct().toList();
    }

    /**
     * This sync reading exactly these campaigns (or journey e-mails: Mailchimp reports them by the same id) with
     * {@code GET /reports/{campaign_id}}, without listing; none: the listing of the window, as before.
     *
     * @throws IllegalArgumentException for an id that is not letters, digits, '_' or '-'
     */
    public ReportSync named(List<String> campaignIds) {
        return new ReportSync(store, reader, clock, window, pageSize, List.copyOf(campaignIds));
    }

    public ReportSync(Store store, MailchimpMarketingClient client, Clock clock, Duration window) {
        this(store, new PatientReader(client), clock, window, 1000);
    }

    public ReportSyncReport run() {
        return campaignIds.isEmpty() ? runListed() : runNamed();
    }

    private ReportSyncReport runListed() {
        // whole seconds, as Mailchimp writes its own times (2026-03-10T13:00:00+00:00)
        Instant since = clock.instant().minus(window).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        int requests = 0;
        List<CampaignReport> reports = new ArrayList<>();
        for (int offset = 0; ; ) {
            String path = "/reports?count=" + pageSize + "&offset=" + offset + "&since_send_time=" + enc(iso(since))
                    + "&fields=" + enc(REPORT_FIELDS);
            JsonNode page = reader.readIfFound("read campaign reports", path).orElseThrow(() -> DeliveryException.permanent("404",
                    "Mailchimp read campaign reports: GET /reports answered 404 Resource Not Found (no campaign listing here); "
                            + "name the campaigns instead: regla mailing reports-sync --campaign ID (repeatable), "
                            + "or MAILCHIMP_CAMPAIGN_IDS=ID1,ID2 for regla serve"));
            requests++;
            JsonNode list = page.path("reports");
            list.forEach(r -> reports.add(report(r)));
            offset += list.size();
            if (Pages.last(page, list.size(), offset, pageSize)) {
                break;
            }
        }
        int recipients = 0;
        for (CampaignReport report : reports) {
            int[] read = readActivity(report.campaignId());
            requests += read[0];
            recipients += read[1];
            // The summary after its recipients: a report in the store means its activity was read whole.
            store.facts().put(report.campaignId(), report);
        }
        ReportSyncReport result = new ReportSyncReport(since, reports.size(), recipients, requests);
        log.info("{}", result.summary());
        return result;
    }

    private ReportSyncReport runNamed() {
        int requests = 0;
        int recipients = 0;
        int campaigns = 0;
        List<String> notFound = new ArrayList<>();
        for (String id : campaignIds) {
            Optional<JsonNode> found = reader.readIfFound("read campaign report " + id, "/reports/" + id);
            requests++;
            if (found.isEmpty()) {
                log.warn("mailchimp campaign {}: no report (404 Resource Not Found), skipped", id);
                notFound.add(id);
                continue;
            }
            CampaignReport report = report(found.get(), id);
            int[] read = readActivity(id);
            requests += read[0];
            recipients += read[1];
            store.facts().put(id, report);
            campaigns++;
        }
        ReportSyncReport result = new ReportSyncReport(null, campaigns, recipients, requests, campaignIds, notFound);
        log.info("{}", result.summary());
        return result;
    }

    /** Reads one campaign's e-mail activity whole into the store: {pages read, recipients}. */
    private int[] readActivity(String campaignId) {
        String id = MailchimpMarketingClient.pathId("campaign_id", campaignId);
        int requests = 0;
        int recipients = 0;
        for (int offset = 0; ; ) {
            // only the documented parameters (since, count, offset): re-read whole, activity keeps coming
            Optional<JsonNode> answered = reader.readIfFound("read campaign e-mail activity " + id, "/reports/" + id
                    + "/email-activity?count=" + pageSize + "&offset=" + offset);
            requests++;
            if (answered.isEmpty()) {
                // A report without its activity (404: an account or proxy that serves the summary only) is still
                // Mailchimp's word on the campaign: kept, and its summary figures are what the metrics show.
                log.warn("mailchimp campaign {}: no e-mail activity (404 Resource Not Found); its report's summary figures are used", id);
                break;
            }
            JsonNode page = answered.get();
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
        return new int[] {requests, recipients};
    }

    static CampaignReport report(JsonNode r) {
        return report(r, null);
    }

    /** A report; {@code askedFor}: the campaign id requested by name ({@code GET /reports/{id}}), kept as its id. */
    static CampaignReport report(JsonNode r, String askedFor) {
        String answered = r.path("id").asText(null);
        if (askedFor != null && answered != null && !answered.equals(askedFor)) {
            log.warn("mailchimp GET /reports/{} answered a report with id {}; kept under {}", askedFor, answered, askedFor);
        }
        String id = askedFor != null ? askedFor : answered;
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Mailchimp report without an id: " + r.toString().substring(0, Math.min(200, r.toString().length())));
        }
        JsonNode bounces = r.path("bounces");
        return new CampaignReport(id, r.path("campaign_title").asText(""), r.path("type").asText(""),
                r.path("subject_line").asText(""), instant(r.path("send_time").asText(null)), r.path("emails_sent").asLong(),
                bounces.path("hard_bounces").asLong(), bounces.path("soft_bounces").asLong() + bounces.path("syntax_errors").asLong(),
                r.path("opens").path("unique_opens").asLong(), r.path("opens").path("open_rate").asDouble(),
                r.path("clicks").path("unique_clicks").asLong(), r.path("clicks").path("click_rate").asDouble(),
                r.path("unsubscribed").asLong());
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
        String address = e.path("email_address").asText("");
        String emailId = e.path("email_id").asText("");
        if (emailId.isBlank()) {
            // email_id is Mailchimp's member hash; a reply without it still names the address
            if (address.isBlank()) {
                throw new IllegalArgumentException("Mailchimp e-mail activity of campaign " + campaignId
                        + " without email_id or email_address");
            }
            emailId = MailchimpMarketingClient.subscriberHash(address);
        }
        return new CampaignRecipient(campaignId, emailId, address,
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
