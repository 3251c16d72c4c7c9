package io.regla.adapters.mailchimp.reports;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.regla.adapters.mailchimp.marketing.MailchimpMarketingClient;
import io.regla.adapters.mailchimp.marketing.MailchimpMarketingConfig;
import io.regla.adapters.mailchimp.sync.PatientReader;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.spi.DeliveryException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * The report sync against Mailchimp's documented {@code GET /reports} and {@code GET /reports/{id}/email-activity}
 * shapes (paged), errors and rate limits, into a real H2 store; and the per-campaign metrics computed from it.
 */
class ReportSyncTest {

    @RegisterExtension
    static WireMockExtension mailchimp = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String API_KEY = "0123456789abcdef0123456789abcdef-us14";
    static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");

    @TempDir
    Path dir;
    JdbcStore store;
    final List<Duration> waits = new ArrayList<>();
    ReportSync sync;

    @BeforeEach
    void setUp() {
        store = JdbcStore.h2(dir.resolve("store"), Clock.systemUTC());
        MailchimpMarketingClient client = new MailchimpMarketingClient(MailchimpMarketingConfig.builder(API_KEY)
                .baseUri(URI.create(mailchimp.baseUrl() + "/3.0")).build());
        sync = new ReportSync(store, new PatientReader(client, 3, waits::add), Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofDays(30), 2);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    static String report(String id, String title, String type, int sent, int hard, int soft, int uniqueOpens, double openRate,
                         int uniqueClicks, double clickRate) {
        return "{\"id\":\"" + id + "\",\"campaign_title\":\"" + title + "\",\"type\":\"" + type + "\",\"list_id\":\"a1b2c3d4e5\","
                + "\"subject_line\":\"Encuesta de adaptación\",\"emails_sent\":" + sent + ",\"send_time\":\"2026-03-10T13:00:00+00:00\","
                + "\"bounces\":{\"hard_bounces\":" + hard + ",\"soft_bounces\":" + soft + ",\"syntax_errors\":0},"
                + "\"opens\":{\"opens_total\":9,\"unique_opens\":" + uniqueOpens + ",\"open_rate\":" + openRate + ",\"last_open\":\"\"},"
                + "\"clicks\":{\"clicks_total\":3,\"unique_clicks\":" + uniqueClicks + ",\"unique_subscriber_clicks\":" + uniqueClicks
                + ",\"click_rate\":" + clickRate + ",\"last_click\":\"\"}}";
    }

    static String activity(String campaign, String email, String... actions) {
        return "{\"campaign_id\":\"" + campaign + "\",\"list_id\":\"a1b2c3d4e5\",\"list_is_active\":true,"
                + "\"email_id\":\"" + MailchimpMarketingClient.subscriberHash(email) + "\",\"email_address\":\"" + email + "\","
                + "\"activity\":[" + String.join(",", actions) + "]}";
    }

    static String open(String at) {
        return "{\"action\":\"open\",\"timestamp\":\"" + at + "\",\"ip\":\"192.0.2.1\"}";
    }

    static String click(String at) {
        return "{\"action\":\"click\",\"timestamp\":\"" + at + "\",\"url\":\"https://example.com/encuesta\",\"ip\":\"192.0.2.1\"}";
    }

    static String bounce(String type) {
        return "{\"action\":\"bounce\",\"type\":\"" + type + "\",\"timestamp\":\"2026-03-10T13:01:00+00:00\"}";
    }

    @Test
    void readsEveryReportAndEveryRecipientPageByPageAndComputesTheRates() {
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports")).withQueryParam("offset", equalTo("0"))
                .withQueryParam("since_send_time", equalTo("2026-02-18T12:00:00Z"))
                .willReturn(okJson("{\"reports\":[" + report("c1", "Encuesta marzo", "regular", 4, 1, 0, 2, 0.6667, 1, 0.3333) + ","
                        + report("j1", "Journey bienvenida", "automation-email", 1, 0, 0, 0, 0, 0, 0) + "],\"total_items\":3}")));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports")).withQueryParam("offset", equalTo("2"))
                .willReturn(okJson("{\"reports\":[" + report("old1", "", "regular", 10, 1, 1, 4, 0.5, 2, 0.25) + "],\"total_items\":3}")));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/c1/email-activity")).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson("{\"emails\":[" + activity("c1", "ana@example.com", open("2026-03-10T14:00:00+00:00"),
                        open("2026-03-10T13:30:00+00:00"), click("2026-03-10T14:01:00+00:00")) + ","
                        + activity("c1", "beto@example.com", bounce("hard")) + "],\"campaign_id\":\"c1\",\"total_items\":4}")));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/c1/email-activity")).withQueryParam("offset", equalTo("2"))
                .willReturn(okJson("{\"emails\":[" + activity("c1", "carla@example.com", open("2026-03-11T09:00:00+00:00")) + ","
                        + activity("c1", "dani@example.com") + "],\"campaign_id\":\"c1\",\"total_items\":4}")));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/c1/email-activity")).withQueryParam("offset", equalTo("4"))
                .willReturn(okJson("{\"emails\":[],\"campaign_id\":\"c1\",\"total_items\":4}")));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/j1/email-activity"))
                .willReturn(okJson("{\"emails\":[" + activity("j1", "eva@example.com") + "],\"campaign_id\":\"j1\",\"total_items\":1}")));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/old1/email-activity"))
                .willReturn(okJson("{\"emails\":[],\"campaign_id\":\"old1\",\"total_items\":0}")));

        ReportSyncReport r = sync.run();

        assertThat(r.campaigns()).isEqualTo(3);
        assertThat(r.recipients()).isEqualTo(5);
        assertThat(store.facts().get(CampaignRecipient.class, "c1#" + MailchimpMarketingClient.subscriberHash("ana@example.com")))
                .hasValueSatisfying(f -> {
                    assertThat(f.value().opens()).isEqualTo(2);
                    assertThat(f.value().clicks()).isEqualTo(1);
                    assertThat(f.value().firstOpen()).isEqualTo(Instant.parse("2026-03-10T13:30:00Z"));
                });
        List<CampaignMetrics> metrics = CampaignMetrics.compute(store.facts().listAll(CampaignReport.class),
                store.facts().listAll(CampaignRecipient.class));
        CampaignMetrics c1 = metrics.stream().filter(m -> m.campaignId().equals("c1")).findFirst().orElseThrow();
        assertThat(c1).extracting(CampaignMetrics::sent, CampaignMetrics::delivered, CampaignMetrics::bounced,
                CampaignMetrics::opened, CampaignMetrics::clicked).containsExactly(4L, 3L, 1L, 2L, 1L);
        assertThat(c1.openRate()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(c1.clickRate()).isCloseTo(1.0 / 3, within(1e-9));
        // no activity read: Mailchimp's summary, titled by its id
        CampaignMetrics old = metrics.stream().filter(m -> m.campaignId().equals("old1")).findFirst().orElseThrow();
        assertThat(old).extracting(CampaignMetrics::title, CampaignMetrics::sent, CampaignMetrics::delivered, CampaignMetrics::bounced)
                .containsExactly("old1", 10L, 8L, 2L);
        assertThat(CampaignMetricsTable.format(metrics, ZoneId.of("America/Santiago")))
                .containsPattern("Encuesta marzo +2026-03-10 +4 +3 +1 +2 +1 +66\\.7% +33\\.3%");

        // a second round re-reads the window and changes nothing that did not change
        int before = store.facts().listAll(CampaignRecipient.class).size();
        sync.run();
        assertThat(store.facts().listAll(CampaignRecipient.class)).hasSize(before);
    }

    @Test
    void a429WithRetryAfterWaitsThenA401StopsTheRound() {
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports")).inScenario("s").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"You have exceeded the limit of 10 simultaneous connections.\"}"))
                .willSetStateTo("key revoked"));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports")).inScenario("s").whenScenarioStateIs("key revoked")
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\":\"API Key Invalid\",\"status\":401,\"detail\":\"Your API key may be invalid.\"}")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> sync.run());

        assertThat(waits).containsExactly(Duration.ofSeconds(3));
        assertThat(e.getMessage()).contains("read campaign reports", "401", "API Key Invalid");
        mailchimp.verify(2, getRequestedFor(urlPathEqualTo("/3.0/reports")));
        assertThat(store.facts().listAll(CampaignReport.class)).isEmpty();
    }

    @Test
    void aShortPageIsNotTheLastWhileTotalItemsSaysMoreAreThere() {
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports")).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson("{\"reports\":[" + report("c1", "Encuesta marzo", "regular", 1, 0, 0, 0, 0, 0, 0) + "],\"total_items\":2}")));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports")).withQueryParam("offset", equalTo("1"))
                .willReturn(okJson("{\"reports\":[" + report("c2", "Encuesta abril", "regular", 1, 0, 0, 0, 0, 0, 0) + "],\"total_items\":2}")));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/c1/email-activity")).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson("{\"emails\":[" + activity("c1", "ana@example.com") + "],\"total_items\":2}")));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/c1/email-activity")).withQueryParam("offset", equalTo("1"))
                .willReturn(okJson("{\"emails\":[" + activity("c1", "beto@example.com") + "],\"total_items\":2}")));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/c2/email-activity"))
                .willReturn(okJson("{\"emails\":[],\"total_items\":0}")));

        ReportSyncReport r = sync.run();

        assertThat(r.campaigns()).isEqualTo(2);
        assertThat(r.recipients()).isEqualTo(2);
        assertThat(store.facts().listAll(CampaignReport.class)).extracting(CampaignReport::campaignId).containsExactlyInAnyOrder("c1", "c2");
    }

    @Test
    void sinceSendTimeIsInWholeSecondsAsMailchimpWritesTimes() {
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports")).willReturn(okJson("{\"reports\":[],\"total_items\":0}")));
        MailchimpMarketingClient client = new MailchimpMarketingClient(MailchimpMarketingConfig.builder(API_KEY)
                .baseUri(URI.create(mailchimp.baseUrl() + "/3.0")).build());
        Clock wall = Clock.fixed(NOW.plusNanos(399_418_665), ZoneOffset.UTC);

        new ReportSync(store, new PatientReader(client, 3, waits::add), wall, Duration.ofDays(30), 2).run();

        mailchimp.verify(1, getRequestedFor(urlPathEqualTo("/3.0/reports"))
                .withQueryParam("since_send_time", equalTo("2026-02-18T12:00:00Z")));
    }

    static final String NOT_FOUND = "{\"type\":\"https://mailchimp.com/developer/marketing/docs/errors/\",\"title\":\"Resource Not Found\","
            + "\"status\":404,\"detail\":\"The requested resource could not be found.\",\"instance\":\"a1\"}";

    /** Only the two documented endpoints exist: GET /reports/{id} and GET /reports/{id}/email-activity. */
    @Test
    void namedCampaignsAreReadFromTheDocumentedEndpointsOnlyAndAnUnknownOneIsNamedAndSkipped() {
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/A")).willReturn(okJson(
                "{\"emails_sent\":3,\"bounces\":{\"hard_bounces\":1,\"soft_bounces\":0,\"syntax_errors\":0},"
                        + "\"opens\":{\"unique_opens\":1,\"open_rate\":0.5},\"clicks\":{\"unique_clicks\":1,\"click_rate\":0.5},"
                        + "\"unsubscribed\":1}")));
        // Mailchimp's shape, without email_id: the recipient is keyed by the address's member hash
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/A/email-activity")).willReturn(okJson("{\"emails\":["
                + "{\"email_address\":\"ana@example.com\",\"activity\":[" + open("2026-03-10T14:00:00+00:00") + "," + click("2026-03-10T14:01:00+00:00") + "]},"
                + "{\"email_address\":\"beto@example.com\",\"activity\":[{\"action\":\"bounce\",\"timestamp\":\"2026-03-10T13:01:00+00:00\"}]},"
                + "{\"email_address\":\"carla@example.com\",\"activity\":[]}],\"total_items\":3}")));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/NOPE")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody(NOT_FOUND)));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/B")).willReturn(okJson(report("B", "Journey bienvenida", "automation-email",
                1, 0, 0, 0, 0, 0, 0))));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/B/email-activity"))
                .willReturn(okJson("{\"emails\":[" + activity("B", "eva@example.com") + "],\"total_items\":1}")));

        ReportSyncReport r = sync.named(List.of("A", "NOPE", "B")).run();

        assertThat(r.campaigns()).isEqualTo(2);
        assertThat(r.recipients()).isEqualTo(4);
        assertThat(r.notFound()).containsExactly("NOPE");
        assertThat(r.summary()).contains("3 named campaigns", "2 campaigns", "not found", "NOPE").doesNotContain("@");
        mailchimp.verify(0, getRequestedFor(urlPathEqualTo("/3.0/reports")));
        assertThat(store.facts().get(CampaignReport.class, "A")).hasValueSatisfying(f -> assertThat(f.value())
                .extracting(CampaignReport::emailsSent, CampaignReport::hardBounces, CampaignReport::uniqueOpens,
                        CampaignReport::openRate, CampaignReport::uniqueClicks, CampaignReport::clickRate, CampaignReport::unsubscribed)
                .containsExactly(3L, 1L, 1L, 0.5, 1L, 0.5, 1L));
        assertThat(store.facts().get(CampaignRecipient.class, "A#" + MailchimpMarketingClient.subscriberHash("beto@example.com")))
                .hasValueSatisfying(f -> assertThat(f.value().bounceType()).isEqualTo("hard"));
        CampaignMetrics a = CampaignMetrics.compute(store.facts().listAll(CampaignReport.class),
                store.facts().listAll(CampaignRecipient.class)).stream().filter(m -> m.campaignId().equals("A")).findFirst().orElseThrow();
        assertThat(a).extracting(CampaignMetrics::sent, CampaignMetrics::delivered, CampaignMetrics::bounced,
                CampaignMetrics::opened, CampaignMetrics::clicked, CampaignMetrics::openRate).containsExactly(3L, 2L, 1L, 1L, 1L, 0.5);
    }

    @Test
    void aReportWhoseActivityIsNotServedIsKeptAndItsSummaryFiguresAreTheMetrics() {
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/A")).willReturn(okJson(report("A", "Encuesta marzo", "regular",
                40, 2, 2, 18, 0.5, 9, 0.25))));
        // no stub for /reports/A/email-activity: WireMock's 404, as a mock of GET /reports/{id} alone answers

        ReportSyncReport r = sync.named(List.of("A")).run();

        assertThat(r.campaigns()).isEqualTo(1);
        assertThat(r.recipients()).isZero();
        assertThat(r.notFound()).isEmpty();
        CampaignMetrics a = CampaignMetrics.compute(store.facts().listAll(CampaignReport.class),
                store.facts().listAll(CampaignRecipient.class)).get(0);
        assertThat(a).extracting(CampaignMetrics::sent, CampaignMetrics::delivered, CampaignMetrics::bounced,
                CampaignMetrics::opened, CampaignMetrics::clicked, CampaignMetrics::openRate, CampaignMetrics::clickRate)
                .containsExactly(40L, 36L, 4L, 18L, 9L, 0.5, 0.25);
    }

    @Test
    void a429WithoutRetryAfterBacksOffExponentiallyThenReadsTheNamedCampaign() {
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/A")).inScenario("busy").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"You have exceeded the limit of 10 simultaneous connections.\"}"))
                .willSetStateTo("still busy"));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/A")).inScenario("busy").whenScenarioStateIs("still busy")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\":\"Too Many Requests\",\"status\":429}"))
                .willSetStateTo("free"));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/A")).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(okJson(report("A", "Encuesta marzo", "regular", 0, 0, 0, 0, 0, 0, 0))));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports/A/email-activity")).willReturn(okJson("{\"emails\":[],\"total_items\":0}")));

        ReportSyncReport r = sync.named(List.of("A")).run();

        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(r.campaigns()).isEqualTo(1);
    }

    @Test
    void aListingThatAnswers404SaysToNameTheCampaigns() {
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/reports")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody(NOT_FOUND)));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> sync.run());

        assertThat(e.getMessage()).contains("GET /reports answered 404", "--campaign ID", "MAILCHIMP_CAMPAIGN_IDS")
                .doesNotContain("\n");
        assertThat(waits).isEmpty();
    }
}
