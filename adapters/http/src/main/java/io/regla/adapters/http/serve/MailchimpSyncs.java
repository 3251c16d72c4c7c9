package io.regla.adapters.http.serve;

import io.regla.adapters.mailchimp.audience.AudienceSync;
import io.regla.adapters.mailchimp.audience.AudienceSyncReport;
import io.regla.adapters.mailchimp.marketing.MailchimpMarketingClient;
import io.regla.adapters.mailchimp.marketing.MailchimpMarketingConfig;
import io.regla.adapters.mailchimp.reports.ReportSync;
import io.regla.adapters.mailchimp.reports.ReportSyncReport;
import io.regla.adapters.mailchimp.sync.ScheduledSync;
import io.regla.api.spi.Store;
import io.regla.cli.CliException;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Mailchimp audience and report syncs {@code regla serve} runs on a schedule ({@code --audience-sync-every}, {@code --reports-sync-every}). */
final class MailchimpSyncs implements AutoCloseable {

    static final String ENV_LIST_ID = "MAILCHIMP_LIST_ID";
    /** Comma-separated campaign (or journey e-mail) ids the report sync reads by name instead of listing {@code GET /reports}. */
    static final String ENV_CAMPAIGN_IDS = "MAILCHIMP_CAMPAIGN_IDS";
    /** How far back each report round reads: opens and clicks keep coming for weeks after a send. */
    static final Duration REPORT_WINDOW = Duration.ofDays(30);

    /** What to run; null intervals: that sync is off. */
    record Settings(Duration audienceEvery, Duration reportsEvery, MailchimpMarketingConfig config, String listId,
                    List<String> campaignIds) {
        static final Settings OFF = new Settings(null, null, null, null, List.of());
    }

    private final List<ScheduledSync<?>> running;

    private MailchimpSyncs(List<ScheduledSync<?>> running) {
        this.running = running;
    }

    /** Checks the options against the environment: a clear usage error before anything starts. */
    static Settings settings(Duration audienceEvery, Duration reportsEvery, Map<String, String> env) {
        if (audienceEvery == null && reportsEvery == null) {
            return Settings.OFF;
        }
        MailchimpMarketingConfig config;
        try {
            config = MailchimpMarketingConfig.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw new CliException("--audience-sync-every / --reports-sync-every: " + e.getMessage());
        }
        String listId = env.get(ENV_LIST_ID);
        if (audienceEvery != null) {
            if (listId == null || listId.isBlank()) {
                throw new CliException("--audience-sync-every needs the audience id in " + ENV_LIST_ID);
            }
            try {
                MailchimpMarketingClient.pathId(ENV_LIST_ID, listId);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        }
        List<String> campaignIds = new ArrayList<>();
        for (String id : env.getOrDefault(ENV_CAMPAIGN_IDS, "").split(",")) {
            if (!id.isBlank()) {
                try {
                    campaignIds.add(MailchimpMarketingClient.pathId(ENV_CAMPAIGN_IDS, id.strip()));
                } catch (IllegalArgumentException e) {
                    throw new CliException(e.getMessage());
                }
            }
        }
        return new Settings(audienceEvery, reportsEvery, config, listId, List.copyOf(campaignIds));
    }

    static MailchimpSyncs start(Settings s, Store store, Clock clock, String owner) {
        List<ScheduledSync<?>> running = new ArrayList<>();
        if (s.audienceEvery() == null && s.reportsEvery() == null) {
            return new MailchimpSyncs(running);
        }
        MailchimpMarketingClient client = new MailchimpMarketingClient(s.config());
        if (s.audienceEvery() != null) {
            AudienceSync audience = new AudienceSync(store, client, s.listId());
            running.add(new ScheduledSync<AudienceSyncReport>("mailchimp.audience." + s.listId() + ".lease", store.cursors(), owner,
                    s.audienceEvery(), Duration.ofMinutes(30), Duration.ofMinutes(1), clock, audience::run));
        }
        if (s.reportsEvery() != null) {
            ReportSync reports = new ReportSync(store, client, clock, REPORT_WINDOW).named(s.campaignIds());
            running.add(new ScheduledSync<ReportSyncReport>("mailchimp.reports.lease", store.cursors(), owner,
                    s.reportsEvery(), Duration.ofMinutes(30), Duration.ofMinutes(1), clock, reports::run));
        }
        running.forEach(ScheduledSync::start);
        return new MailchimpSyncs(running);
    }

    @Override
    public void close() {
        running.forEach(ScheduledSync::close);
    }
}
