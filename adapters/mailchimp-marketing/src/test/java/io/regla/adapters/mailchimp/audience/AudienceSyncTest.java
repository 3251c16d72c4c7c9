package io.regla.adapters.mailchimp.audience;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.regla.adapters.mailchimp.marketing.MailchimpMarketingClient;
import io.regla.adapters.mailchimp.marketing.MailchimpMarketingConfig;
import io.regla.adapters.mailchimp.sync.PatientReader;
import io.regla.adapters.mailchimp.sync.ScheduledSync;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.spi.DeliveryException;
import io.regla.rules.mailing.ContactStatus;
import io.regla.rules.mailing.MailingContact;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The audience sync against Mailchimp's documented {@code GET /lists/{list_id}/members} contract: paging by
 * count/offset, since_last_changed increments, problem+json errors, 429 with Retry-After, 5xx; into a real H2 store.
 */
class AudienceSyncTest {

    @RegisterExtension
    static WireMockExtension mailchimp = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String API_KEY = "0123456789abcdef0123456789abcdef-us14";
    static final String LIST = "a1b2c3d4e5";
    static final String MEMBERS = "/3.0/lists/" + LIST + "/members";

    @TempDir
    Path dir;
    JdbcStore store;
    MailchimpMarketingClient client;
    final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void setUp() {
        store = JdbcStore.h2(dir.resolve("store"), Clock.systemUTC());
        client = new MailchimpMarketingClient(MailchimpMarketingConfig.builder(API_KEY)
                .baseUri(URI.create(mailchimp.baseUrl() + "/3.0")).build());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    AudienceSync sync(int pageSize) {
        return new AudienceSync(store, new PatientReader(client, 4, waits::add), LIST, pageSize);
    }

    static String member(String email, String status, String lastChanged) {
        return "{\"email_address\":\"" + email + "\",\"status\":\"" + status + "\",\"last_changed\":\"" + lastChanged + "\"}";
    }

    static String page(int total, String... members) {
        return "{\"members\":[" + String.join(",", members) + "],\"list_id\":\"" + LIST + "\",\"total_items\":" + total + "}";
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder problem(int status, String title, String detail) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://mailchimp.com/developer/marketing/docs/errors/\",\"title\":\"" + title
                        + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"instance\":\"0f1e2d3c\"}");
    }

    Map<String, ContactStatus> contacts() {
        return store.facts().listAll(MailingContact.class).stream()
                .collect(Collectors.toMap(MailingContact::email, MailingContact::status));
    }

    @Test
    void readsEveryStatusPageByPageNewestChangeFirstAndKeepsTheCursor() {
        mailchimp.stubFor(get(urlPathEqualTo(MEMBERS)).withQueryParam("status", absent()).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson(page(4,
                        member("dani@example.com", "pending", "2026-03-04T10:00:00+00:00"),
                        member("carla@example.com", "cleaned", "2026-03-03T10:00:00+00:00")))));
        mailchimp.stubFor(get(urlPathEqualTo(MEMBERS)).withQueryParam("status", absent()).withQueryParam("offset", equalTo("2"))
                .willReturn(okJson(page(4,
                        member("Beto@Example.com", "unsubscribed", "2026-03-02T10:00:00+00:00"),
                        member("ana@example.com", "subscribed", "2026-03-01T10:00:00+00:00")))));
        // Mailchimp lists archived members only when asked for them
        mailchimp.stubFor(get(urlPathEqualTo(MEMBERS)).withQueryParam("status", equalTo("archived"))
                .willReturn(okJson(page(1, member("eva@example.com", "archived", "2026-03-05T10:00:00+00:00")))));

        AudienceSyncReport report = sync(2).run();

        assertThat(contacts()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ana@example.com", ContactStatus.SUBSCRIBED, "Beto@Example.com", ContactStatus.UNSUBSCRIBED,
                "carla@example.com", ContactStatus.CLEANED, "dani@example.com", ContactStatus.PENDING,
                "eva@example.com", ContactStatus.UNSUBSCRIBED));
        // stored under the normalised address, as the SQL import and the daily run read it
        assertThat(store.facts().get(MailingContact.class, "beto@example.com")).isPresent();
        assertThat(report.pages()).isEqualTo(3);
        assertThat(report.members()).isEqualTo(5);
        assertThat(report.inserted()).isEqualTo(5);
        assertThat(report.since()).isNull();
        assertThat(report.cursor()).isEqualTo(Instant.parse("2026-03-05T09:59:59Z"));
        assertThat(store.cursors().get(AudienceSync.cursorName(LIST))).contains("2026-03-05T09:59:59Z");
        mailchimp.verify(2, getRequestedFor(urlPathEqualTo(MEMBERS))
                .withBasicAuth(new BasicCredentials("regla", API_KEY))
                .withQueryParam("count", equalTo("2"))
                .withQueryParam("sort_field", equalTo("last_changed"))
                .withQueryParam("sort_dir", equalTo("DESC"))
                .withQueryParam("fields", equalTo("members.email_address,members.status,members.last_changed,total_items"))
                .withQueryParam("status", absent())
                .withQueryParam("since_last_changed", absent()));
        mailchimp.verify(1, getRequestedFor(urlPathEqualTo(MEMBERS)).withQueryParam("status", equalTo("archived"))
                .withQueryParam("offset", equalTo("0")).withQueryParam("count", equalTo("2")));
    }

    @Test
    void aMemberArchivedSinceTheLastRoundIsReadAsUnsubscribedAndGetsNoSurvey() {
        store.cursors().put(AudienceSync.cursorName(LIST), "2026-03-05T09:59:59Z");
        store.facts().put("ana@example.com", new MailingContact("ana@example.com", ContactStatus.SUBSCRIBED));
        mailchimp.stubFor(get(urlPathEqualTo(MEMBERS)).withQueryParam("status", absent()).willReturn(okJson(page(0))));
        mailchimp.stubFor(get(urlPathEqualTo(MEMBERS)).withQueryParam("status", equalTo("archived"))
                .withQueryParam("since_last_changed", equalTo("2026-03-05T09:59:59Z"))
                .willReturn(okJson(page(1, member("ana@example.com", "archived", "2026-03-06T08:00:00+00:00")))));

        AudienceSyncReport report = sync(1000).run();

        assertThat(contacts()).containsEntry("ana@example.com", ContactStatus.UNSUBSCRIBED);
        assertThat(report.updated()).isEqualTo(1);
        assertThat(store.cursors().get(AudienceSync.cursorName(LIST))).contains("2026-03-06T07:59:59Z");
    }

    @Test
    void pagesEndAtTotalItemsEvenWhenAPageIsShorterThanAskedFor() {
        // A server that answers fewer than count (Mailchimp's own pages are full but the last): total_items decides.
        mailchimp.stubFor(get(urlPathEqualTo(MEMBERS)).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson(page(3, member("ana@example.com", "subscribed", "2026-03-01T10:00:00+00:00"),
                        member("beto@example.com", "cleaned", "2026-03-01T09:00:00+00:00")))));
        mailchimp.stubFor(get(urlPathEqualTo(MEMBERS)).withQueryParam("offset", equalTo("2"))
                .willReturn(okJson(page(3, member("carla@example.com", "unsubscribed", "2026-03-01T08:00:00+00:00")))));
        mailchimp.stubFor(get(urlPathEqualTo(MEMBERS)).withQueryParam("status", equalTo("archived")).willReturn(okJson(page(0))));

        AudienceSyncReport report = sync(1000).run();

        assertThat(contacts()).containsOnlyKeys("ana@example.com", "beto@example.com", "carla@example.com");
        assertThat(report.members()).isEqualTo(3);
        mailchimp.verify(1, getRequestedFor(urlPathEqualTo(MEMBERS)).withQueryParam("offset", equalTo("2"))
                .withQueryParam("status", absent()));
        mailchimp.verify(0, getRequestedFor(urlPathEqualTo(MEMBERS)).withQueryParam("offset", equalTo("3")));
    }

    @Test
    void theNextRoundAsksOnlyForChangesSinceTheCursorAndMailchimpsStatusWins() {
        store.cursors().put(AudienceSync.cursorName(LIST), "2026-03-05T09:59:59Z");
        store.facts().put("ana@example.com", new MailingContact("ana@example.com", ContactStatus.SUBSCRIBED));
        mailchimp.stubFor(get(urlPathEqualTo(MEMBERS)).withQueryParam("since_last_changed", equalTo("2026-03-05T09:59:59Z"))
                .willReturn(okJson(page(1, member("ana@example.com", "cleaned", "2026-03-06T08:00:00+00:00")))));

        AudienceSyncReport report = sync(1000).run();

        assertThat(contacts()).containsEntry("ana@example.com", ContactStatus.CLEANED);
        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.since()).isEqualTo(Instant.parse("2026-03-05T09:59:59Z"));
        assertThat(store.cursors().get(AudienceSync.cursorName(LIST))).contains("2026-03-06T07:59:59Z");
    }

    @Test
    void nothingChangedLeavesTheCursorWhereItWas() {
        store.cursors().put(AudienceSync.cursorName(LIST), "2026-03-05T09:59:59Z");
        mailchimp.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson(page(0))));

        AudienceSyncReport report = sync(1000).run();

        assertThat(report.members()).isZero();
        assertThat(store.cursors().get(AudienceSync.cursorName(LIST))).contains("2026-03-05T09:59:59Z");
    }

    @Test
    void aMemberMailchimpDescribesOddlyIsRejectedNamingItsOffsetWithTheAddressMasked() {
        mailchimp.stubFor(get(urlPathEqualTo(MEMBERS)).withQueryParam("status", equalTo("archived")).willReturn(okJson(page(0))));
        mailchimp.stubFor(get(urlPathEqualTo(MEMBERS)).withQueryParam("status", absent()).willReturn(okJson(page(3,
                member("ana@example.com", "subscribed", "2026-03-01T10:00:00+00:00"),
                member("beto@example.com", "on-holiday", "2026-03-01T10:00:00+00:00"),
                member("carla@example.com", "cleaned", "2026-03-01T11:00:00+00:00")))));

        AudienceSyncReport report = sync(1000).run();

        assertThat(contacts()).containsOnlyKeys("ana@example.com", "carla@example.com");
        assertThat(report.rejected()).singleElement().asString()
                .contains("offset 1", "on-holiday").doesNotContain("beto@example.com");
    }

    @Test
    void aWrongApiKeyFailsAtOnceWithMailchimpsExplanationAndMovesNoCursor() {
        mailchimp.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(problem(401, "API Key Invalid",
                "Your API key may be invalid, or you've attempted to access the wrong datacenter.")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> sync(1000).run());

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("read audience members", "401", "API Key Invalid");
        assertThat(waits).isEmpty();
        assertThat(store.cursors().get(AudienceSync.cursorName(LIST))).isEmpty();
        mailchimp.verify(1, getRequestedFor(urlPathEqualTo(MEMBERS)));
    }

    @Test
    void anUnknownListIsA404NamingIt() {
        mailchimp.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(problem(404, "Resource Not Found",
                "The requested resource could not be found.")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> sync(1000).run());

        assertThat(e.getMessage()).contains("404", "Resource Not Found");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void a429WaitsItsRetryAfterAndA5xxBacksOffThenTheRoundCompletes() {
        mailchimp.stubFor(get(urlPathEqualTo(MEMBERS)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(problem(429, "Too Many Requests", "You have exceeded the limit of 10 simultaneous connections.")
                        .withHeader("Retry-After", "7"))
                .willSetStateTo("throttled"));
        mailchimp.stubFor(get(urlPathEqualTo(MEMBERS)).inScenario("busy").whenScenarioStateIs("throttled")
                .willReturn(problem(503, "Service Unavailable", "Try again later.")).willSetStateTo("down"));
        mailchimp.stubFor(get(urlPathEqualTo(MEMBERS)).inScenario("busy").whenScenarioStateIs("down")
                .willReturn(okJson(page(1, member("ana@example.com", "cleaned", "2026-03-01T10:00:00+00:00")))));

        sync(1000).run();

        assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(2));
        assertThat(contacts()).containsEntry("ana@example.com", ContactStatus.CLEANED);
    }

    @Test
    void aServerThatStaysDownFailsTheRoundAfterItsAttemptsWithTheCursorUntouched() {
        store.cursors().put(AudienceSync.cursorName(LIST), "2026-03-05T09:59:59Z");
        mailchimp.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(aResponse().withStatus(500).withBody("<html>oops</html>")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> sync(1000).run());

        assertThat(e.retryable()).isTrue();
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        mailchimp.verify(4, getRequestedFor(urlPathEqualTo(MEMBERS)));
        assertThat(store.cursors().get(AudienceSync.cursorName(LIST))).contains("2026-03-05T09:59:59Z");
    }

    @Test
    void onAScheduleTwoInstancesRunEachRoundOnce() {
        mailchimp.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson(page(0))));
        Clock clock = Clock.fixed(Instant.parse("2026-03-06T12:00:00Z"), ZoneOffset.UTC);
        String lease = "mailchimp.audience." + LIST + ".lease";
        ScheduledSync<AudienceSyncReport> a = new ScheduledSync<>(lease, store.cursors(), "a", Duration.ofHours(6),
                Duration.ofMinutes(10), Duration.ofMinutes(1), clock, () -> sync(1000).run());
        ScheduledSync<AudienceSyncReport> b = new ScheduledSync<>(lease, store.cursors(), "b", Duration.ofHours(6),
                Duration.ofMinutes(10), Duration.ofMinutes(1), clock, () -> sync(1000).run());

        assertThat(a.tick()).isPresent();
        assertThat(b.tick()).as("ran 0 s ago, due in 6 h").isEmpty();
        assertThat(b.runOnce()).as("forced: runs now").isPresent();
        mailchimp.verify(2, getRequestedFor(urlPathEqualTo(MEMBERS)).withQueryParam("status", absent()));
    }
}
