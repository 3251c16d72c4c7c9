package io.regla.adapters.mailchimp.cli;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.regla.adapters.mailchimp.marketing.MailchimpMarketingClient;
import io.regla.adapters.mailchimp.reports.CampaignRecipient;
import io.regla.adapters.mailchimp.reports.CampaignReport;
import io.regla.adapters.mailchimp.webhook.MandrillEvent;
import io.regla.adapters.mailchimp.metrics.DeliveryEventLog;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.cli.ReglaCli;
import io.regla.rules.mailing.ContactStatus;
import io.regla.rules.mailing.MailingContact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class MailchimpSyncCommandsTest {

    @RegisterExtension
    static WireMockExtension mailchimp = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    record Result(int exit, String out, String err) {
    }

    Result regla(Map<String, String> env, String... args) {
        CommandLine cl = ReglaCli.commandLine();
        CommandLine mailing = cl.getSubcommands().get("mailing");
        ((MailchimpSyncCommands.AudienceSyncCommand) mailing.getSubcommands().get("audience-sync").getCommand()).environment = env;
        ((MailchimpSyncCommands.ReportsSyncCommand) mailing.getSubcommands().get("reports-sync").getCommand()).environment = env;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Result(cl.execute(args), out.toString(), err.toString());
    }

    Map<String, String> env() {
        return Map.of("MAILCHIMP_API_KEY", "0123456789abcdef0123456789abcdef-us14", "MAILCHIMP_BASE_URL", mailchimp.baseUrl() + "/3.0",
                "MAILCHIMP_LIST_ID", "a1b2c3d4e5");
    }

    static Path newStore(Path dir) {
        Path db = dir.resolve("store");
        JdbcStore.h2(db, Clock.systemUTC()).close();
        return db;
    }

    @Test
    void audienceSyncWritesMailchimpsStatusesAndSaysWhatItDid(@TempDir Path dir) {
        Path db = newStore(dir);
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/lists/a1b2c3d4e5/members")).willReturn(okJson(
                "{\"members\":[{\"email_address\":\"ana@example.com\",\"status\":\"cleaned\",\"last_changed\":\"2026-03-01T10:00:00+00:00\"},"
                        + "{\"email_address\":\"beto@example.com\",\"status\":\"unsubscribed\",\"last_changed\":\"2026-03-01T11:00:00+00:00\"}],"
                        + "\"total_items\":2}")));

        Result r = regla(env(), "mailing", "audience-sync", "--db", db.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 members", "CLEANED=1", "UNSUBSCRIBED=1").doesNotContain("ana@example.com");
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            assertThat(store.facts().listAll(MailingContact.class)).containsExactlyInAnyOrder(
                    new MailingContact("ana@example.com", ContactStatus.CLEANED),
                    new MailingContact("beto@example.com", ContactStatus.UNSUBSCRIBED));
        }
    }

    @Test
    void aMailchimpRefusalIsExit2WithItsReason(@TempDir Path dir) {
        Path db = newStore(dir);
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/lists/a1b2c3d4e5/members")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"API Key Invalid\",\"status\":401,\"detail\":\"Your API key may be invalid.\"}")));

        Result r = regla(env(), "mailing", "audience-sync", "--db", db.toString());

        assertThat(r.exit()).isEqualTo(ReglaCli.USAGE);
        assertThat(r.err()).contains("401", "API Key Invalid");
    }

    @Test
    void withoutAnAudienceIdItSaysHowToGiveOne(@TempDir Path dir) {
        Result r = regla(Map.of("MAILCHIMP_API_KEY", "0123456789abcdef0123456789abcdef-us14"),
                "mailing", "audience-sync", "--db", newStore(dir).toString());
        assertThat(r.exit()).isEqualTo(ReglaCli.USAGE);
        assertThat(r.err()).contains("--list", "MAILCHIMP_LIST_ID");
    }

    @Test
    void reportsSyncThenMetricsShowMandrillAndMailchimpSideBySide(@TempDir Path dir) {
        Path db = newStore(dir);
        Instant monday = Instant.parse("2026-03-09T12:00:00Z");
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            new DeliveryEventLog(store.facts(), ZoneId.of("America/Santiago")).record(List.of(
                    new MandrillEvent("send", monday, "m1", "g@example.com", "BIENVENIDA", List.of(), "BIENVENIDA:E1", "E1", null, Map.of()),
                    new MandrillEvent("open", monday.plusSeconds(60), "m1", "g@example.com", "BIENVENIDA", List.of(), "BIENVENIDA:E1", "E1", null, Map.of())));
        }
        String sendTime = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                Instant.now().minus(java.time.Duration.ofDays(2)).atOffset(java.time.ZoneOffset.UTC));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports")).willReturn(okJson("{\"reports\":[{\"id\":\"c1\","
                + "\"campaign_title\":\"Encuesta de adaptación\",\"type\":\"regular\",\"emails_sent\":2,\"send_time\":\"" + sendTime + "\","
                + "\"bounces\":{\"hard_bounces\":1,\"soft_bounces\":0,\"syntax_errors\":0},\"opens\":{\"unique_opens\":1,\"open_rate\":1.0},"
                + "\"clicks\":{\"unique_clicks\":0,\"click_rate\":0}}],\"total_items\":1}")));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/c1/email-activity")).willReturn(okJson("{\"emails\":["
                + "{\"campaign_id\":\"c1\",\"email_id\":\"" + MailchimpMarketingClient.subscriberHash("ana@example.com")
                + "\",\"email_address\":\"ana@example.com\",\"activity\":[{\"action\":\"open\",\"timestamp\":\"" + sendTime + "\"}]},"
                + "{\"campaign_id\":\"c1\",\"email_id\":\"" + MailchimpMarketingClient.subscriberHash("beto@example.com")
                + "\",\"email_address\":\"beto@example.com\",\"activity\":[{\"action\":\"bounce\",\"type\":\"hard\",\"timestamp\":\"" + sendTime + "\"}]}"
                + "],\"total_items\":2}")));

        Result sync = regla(env(), "mailing", "reports-sync", "--db", db.toString(), "--days", "7");
        assertThat(sync.exit()).as(sync.err()).isZero();
        assertThat(sync.out()).contains("1 campaigns, 2 recipients");

        Result metrics = regla(env(), "mailing", "metrics", "--db", db.toString());
        assertThat(metrics.exit()).as(metrics.err()).isZero();
        assertThat(metrics.out()).contains("Mandrill (transactional)", "Mailchimp Marketing (campaigns and journeys)")
                // the two sources' totals in one table, one row each
                .containsPattern("Both sources side by side \\(totals\\):\n *source +period +sent +delivered +bounces +unique_opens +unique_clicks +open_rate +click_rate\n"
                        + "Mandrill +2026-W11\\.\\.2026-W11 +1 +1 +0 +1 +0 +100\\.0% +0\\.0%\n"
                        + "Mailchimp +\\d{4}-\\d\\d-\\d\\d\\.\\.\\d{4}-\\d\\d-\\d\\d +2 +1 +1 +1 +0 +100\\.0% +0\\.0%\n")
                .containsPattern("BIENVENIDA +2026-W11 +1 +1 +0 +1 +0 +100\\.0% +0\\.0%")
                .containsPattern("Encuesta de adaptación +\\d{4}-\\d\\d-\\d\\d +2 +1 +1 +1 +0 +100\\.0% +0\\.0%");
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            assertThat(store.facts().listAll(CampaignReport.class)).hasSize(1);
            assertThat(store.facts().listAll(CampaignRecipient.class)).hasSize(2);
        }

        Result onlyMailchimp = regla(env(), "mailing", "metrics", "--db", db.toString(), "--source", "mailchimp");
        assertThat(onlyMailchimp.out()).doesNotContain("BIENVENIDA").contains("Encuesta de adaptación");
    }

    /** A mock of only the documented endpoints (GET /reports/{id}, GET /reports/{id}/email-activity): no listing. */
    @Test
    void reportsSyncOfNamedCampaignsReadsOnlyTheDocumentedEndpointsAndMetricsShowsTheirFigures(@TempDir Path dir) {
        Path db = newStore(dir);
        mailchimp.resetAll();
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/A")).willReturn(okJson("{\"id\":\"A\",\"campaign_title\":\"Encuesta marzo\","
                + "\"type\":\"regular\",\"emails_sent\":4,\"send_time\":\"2025-01-10T13:00:00+00:00\","
                + "\"bounces\":{\"hard_bounces\":1,\"soft_bounces\":0,\"syntax_errors\":0},\"opens\":{\"unique_opens\":2,\"open_rate\":0.6667},"
                + "\"clicks\":{\"unique_clicks\":1,\"click_rate\":0.3333},\"unsubscribed\":0}")));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/A/email-activity")).willReturn(okJson("{\"emails\":["
                + "{\"email_address\":\"ana@example.com\",\"activity\":[{\"action\":\"open\",\"timestamp\":\"2025-01-10T14:00:00+00:00\"},"
                + "{\"action\":\"click\",\"timestamp\":\"2025-01-10T14:01:00+00:00\"}]},"
                + "{\"email_address\":\"beto@example.com\",\"activity\":[{\"action\":\"bounce\",\"type\":\"hard\",\"timestamp\":\"2025-01-10T13:01:00+00:00\"}]},"
                + "{\"email_address\":\"carla@example.com\",\"activity\":[{\"action\":\"open\",\"timestamp\":\"2025-01-11T09:00:00+00:00\"}]},"
                + "{\"email_address\":\"dani@example.com\",\"activity\":[]}],\"total_items\":4}")));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/B")).willReturn(okJson("{\"id\":\"B\",\"campaign_title\":\"Journey bienvenida\","
                + "\"type\":\"automation-email\",\"emails_sent\":2,\"send_time\":\"2025-01-12T13:00:00+00:00\","
                + "\"bounces\":{\"hard_bounces\":0,\"soft_bounces\":0,\"syntax_errors\":0},\"opens\":{\"unique_opens\":1,\"open_rate\":0.5},"
                + "\"clicks\":{\"unique_clicks\":0,\"click_rate\":0},\"unsubscribed\":0}")));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/B/email-activity")).willReturn(okJson("{\"emails\":["
                + "{\"email_address\":\"eva@example.com\",\"activity\":[{\"action\":\"open\",\"timestamp\":\"2025-01-12T14:00:00+00:00\"}]},"
                + "{\"email_address\":\"fede@example.com\",\"activity\":[]}],\"total_items\":2}")));

        Result sync = regla(env(), "mailing", "reports-sync", "--db", db.toString(), "--campaign", "A", "--campaign", "B");
        assertThat(sync.exit()).as(sync.err()).isZero();
        assertThat(sync.out()).contains("2 campaigns, 6 recipients").doesNotContain("@");
        mailchimp.verify(0, getRequestedFor(urlPathEqualTo("/3.0/reports")));

        Result metrics = regla(env(), "mailing", "metrics", "--db", db.toString(), "--source", "mailchimp");
        assertThat(metrics.exit()).as(metrics.err()).isZero();
        assertThat(metrics.out())
                .containsPattern("Encuesta marzo +2025-01-10 +4 +3 +1 +2 +1 +66\\.7% +33\\.3%")
                .containsPattern("Journey bienvenida +2025-01-12 +2 +2 +0 +1 +0 +50\\.0% +0\\.0%");
    }

    /** Mailchimp's problem+json 404 "Resource Not Found" at this path. */
    static void stubNotFound(String path) {
        mailchimp.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Resource Not Found\",\"status\":404,\"detail\":\"The requested resource could not be found.\"}")));
    }

    @Test
    void aListingThatAnswers404IsOneLineSayingToPassCampaignExit2(@TempDir Path dir) {
        Path db = newStore(dir);
        mailchimp.resetAll();
        stubNotFound("/3.0/reports");

        Result r = regla(env(), "mailing", "reports-sync", "--db", db.toString());

        assertThat(r.exit()).isEqualTo(ReglaCli.USAGE);
        assertThat(r.err().strip()).doesNotContain("\n").contains("404", "--campaign ID", "MAILCHIMP_CAMPAIGN_IDS");
    }

    @Test
    void aNamedCampaignMailchimpDoesNotKnowIsNamedAndTheOthersAreRead(@TempDir Path dir) {
        Path db = newStore(dir);
        mailchimp.resetAll();
        stubNotFound("/3.0/reports/GONE");
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/A")).willReturn(okJson("{\"id\":\"A\",\"emails_sent\":1,"
                + "\"bounces\":{\"hard_bounces\":0,\"soft_bounces\":0,\"syntax_errors\":0},\"opens\":{\"unique_opens\":0,\"open_rate\":0},"
                + "\"clicks\":{\"unique_clicks\":0,\"click_rate\":0},\"unsubscribed\":0}")));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/A/email-activity")).willReturn(okJson(
                "{\"emails\":[{\"email_address\":\"ana@example.com\",\"activity\":[]}],\"total_items\":1}")));

        Result r = regla(env(), "mailing", "reports-sync", "--db", db.toString(), "--campaign", "GONE", "--campaign", "A");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 campaigns, 1 recipients", "not found", "GONE");
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            assertThat(store.facts().listAll(CampaignReport.class)).extracting(CampaignReport::campaignId).containsExactly("A");
        }
    }
}
