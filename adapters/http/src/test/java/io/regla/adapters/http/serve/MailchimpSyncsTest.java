package io.regla.adapters.http.serve;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.regla.adapters.mailchimp.reports.CampaignReport;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.cli.CliException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailchimpSyncsTest {

    static final String KEY = "0123456789abcdef0123456789abcdef-us14";

    @Test
    void offWithoutEitherOption() {
        assertThat(MailchimpSyncs.settings(null, null, Map.of())).isEqualTo(MailchimpSyncs.Settings.OFF);
    }

    @Test
    void theAudienceSyncNeedsTheKeyAndTheListId() {
        assertThatThrownBy(() -> MailchimpSyncs.settings(Duration.ofHours(6), null, Map.of()))
                .isInstanceOf(CliException.class).hasMessageContaining("MAILCHIMP_API_KEY");
        assertThatThrownBy(() -> MailchimpSyncs.settings(Duration.ofHours(6), null, Map.of("MAILCHIMP_API_KEY", KEY)))
                .isInstanceOf(CliException.class).hasMessageContaining("MAILCHIMP_LIST_ID");
        assertThatThrownBy(() -> MailchimpSyncs.settings(Duration.ofHours(6), null, Map.of("MAILCHIMP_API_KEY", KEY,
                "MAILCHIMP_LIST_ID", "../lists")))
                .isInstanceOf(CliException.class).hasMessageContaining("MAILCHIMP_LIST_ID");
        assertThat(MailchimpSyncs.settings(null, Duration.ofHours(6), Map.of("MAILCHIMP_API_KEY", KEY)).reportsEvery())
                .as("the reports need no list").isEqualTo(Duration.ofHours(6));
    }

    @Test
    void mailchimpCampaignIdsNameTheReportsToRead() {
        assertThat(MailchimpSyncs.settings(null, Duration.ofHours(6), Map.of("MAILCHIMP_API_KEY", KEY)).campaignIds())
                .as("none: the listing").isEmpty();
        assertThat(MailchimpSyncs.settings(null, Duration.ofHours(6), Map.of("MAILCHIMP_API_KEY", KEY,
                "MAILCHIMP_CAMPAIGN_IDS", " A1b2, 42_x ,,")).campaignIds()).containsExactly("A1b2", "42_x");
        assertThatThrownBy(() -> MailchimpSyncs.settings(null, Duration.ofHours(6), Map.of("MAILCHIMP_API_KEY", KEY,
                "MAILCHIMP_CAMPAIGN_IDS", "A,../lists")))
                .isInstanceOf(CliException.class).hasMessageContaining("MAILCHIMP_CAMPAIGN_IDS", "../lists");
    }

    /** regla serve's scheduled round with MAILCHIMP_CAMPAIGN_IDS reads only the documented GET /reports/{id} endpoints. */
    @Test
    void theScheduledReportSyncReadsTheNamedCampaignsWithoutListing(@TempDir Path dir) throws Exception {
        WireMockServer mailchimp = new WireMockServer(wireMockConfig().dynamicPort());
        mailchimp.start();
        try (JdbcStore store = JdbcStore.h2(dir.resolve("store"), Clock.systemUTC())) {
            mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/A")).willReturn(okJson("{\"id\":\"A\",\"emails_sent\":1,"
                    + "\"bounces\":{\"hard_bounces\":0,\"soft_bounces\":0,\"syntax_errors\":0},\"opens\":{\"unique_opens\":1,\"open_rate\":1.0},"
                    + "\"clicks\":{\"unique_clicks\":0,\"click_rate\":0},\"unsubscribed\":0}")));
            mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/A/email-activity")).willReturn(okJson(
                    "{\"emails\":[{\"email_address\":\"ana@example.com\",\"activity\":[]}],\"total_items\":1}")));
            MailchimpSyncs.Settings settings = MailchimpSyncs.settings(null, Duration.ofHours(6), Map.of("MAILCHIMP_API_KEY", KEY,
                    "MAILCHIMP_BASE_URL", mailchimp.baseUrl() + "/3.0", "MAILCHIMP_CAMPAIGN_IDS", "A"));
            try (MailchimpSyncs ignored = MailchimpSyncs.start(settings, store, Clock.systemUTC(), "test")) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (store.facts().listAll(CampaignReport.class).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
            }
            assertThat(store.facts().listAll(CampaignReport.class)).extracting(CampaignReport::campaignId).containsExactly("A");
            mailchimp.verify(0, getRequestedFor(urlPathEqualTo("/3.0/reports")));
        } finally {
            mailchimp.stop();
        }
    }
}
