package io.regla.adapters.hubspot.advising;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.regla.adapters.hubspot.HubSpotConfig;
import io.regla.adapters.hubspot.HubSpotException;
import io.regla.adapters.hubspot.HubSpotHttp;
import io.regla.adapters.hubspot.crm.HubSpotCrm;
import io.regla.adapters.hubspot.email.HubSpotMailer;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.api.spi.OutboxStatus;
import io.regla.core.Regla;
import io.regla.rules.advising.Enrolment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The sync end to end against HubSpot's contract (WireMock) and a real H2 store: once, then again on the same deals. */
class AdvisingSyncTest {

    @RegisterExtension
    static WireMockExtension hubspot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String SEARCH = "/crm/v3/objects/deals/search";
    private static final String SEND = "/marketing/v3/transactional/single-email/send";
    private static final Instant NOW = Instant.parse("2026-08-03T14:00:00Z");
    private static final Instant D3_CREATED = Instant.parse("2026-08-03T09:30:00Z");
    private static RulesEngine engine;

    @BeforeAll
    static void engine() {
        engine = Regla.builder().bundledRules().build();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static String deal(String id, String name, String faculty, String owner, String created) {
        return """
                {"id":"%s","properties":{"dealname":"%s","facultad":%s,"hubspot_owner_id":%s,"createdate":"%s"},
                 "createdAt":"%s","updatedAt":"%s","archived":false}""".formatted(id, name,
                faculty == null ? "null" : "\"" + faculty + "\"", owner == null ? "null" : "\"" + owner + "\"", created, created, created);
    }

    private static void stubHubSpot(String d1Owner, String contactOwner) {
        hubspot.stubFor(get(urlEqualTo("/crm/v3/owners/?limit=100&archived=false")).willReturn(okJson("""
                {"results":[
                 {"id":"101","email":"valentina.rubiano@example.edu.co","firstName":"Valentina","lastName":"Rubiano","archived":false},
                 {"id":"103","email":"laura.mejia@example.edu.co","firstName":"Laura","lastName":"Mejía","archived":false},
                 {"id":"900","email":"duvan.albarracin@example.edu.co","firstName":"Duván","lastName":"Albarracín","archived":false}]}""")));
        hubspot.stubFor(post(urlEqualTo(SEARCH)).willReturn(okJson("{\"total\":3,\"results\":["
                + deal("1001", "Diplomado en Derecho Digital", "Jurisprudencia ", d1Owner, "2026-08-03T08:00:00Z") + ","
                + deal("1002", "Curso de Gerencia", null, "555", "2026-08-03T09:00:00Z") + ","
                + deal("1003", "Curso de Teología", "TEOLOGÍA", null, D3_CREATED.toString()) + "]}")));
        hubspot.stubFor(post(urlEqualTo("/crm/v4/associations/deals/contacts/batch/read")).willReturn(okJson("""
                {"status":"COMPLETE","results":[
                 {"from":{"id":"1001"},"to":[{"toObjectId":501,"associationTypes":[{"category":"HUBSPOT_DEFINED","typeId":3}]}]},
                 {"from":{"id":"1002"},"to":[]}]}""")));
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/batch/read")).willReturn(okJson("""
                {"status":"COMPLETE","results":[{"id":"501","properties":{"email":"ana.perez@example.com","firstname":"Ana",
                 "lastname":"Pérez","facultad":"JURISPRUDENCIA","hubspot_owner_id":%s}}]}""".formatted(contactOwner == null ? "null" : "\"" + contactOwner + "\""))));
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/batch/update")).willReturn(okJson("{\"status\":\"COMPLETE\",\"results\":[]}")));
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/batch/update")).willReturn(okJson("{\"status\":\"COMPLETE\",\"results\":[]}")));
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/tasks")).willReturn(okJson("{\"id\":\"7001\",\"properties\":{}}")));
        hubspot.stubFor(post(urlEqualTo(SEND)).willReturn(okJson("{\"status\":\"PENDING\",\"statusId\":\"st-1\"}")));
        // No contact changed faculty: the faculty-change poller finds nothing to do.
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/search")).willReturn(okJson("{\"total\":0,\"results\":[]}")));
    }

    @Test
    void anOwnerUpdateHubSpotRefusesBecomesAnAlertAndTheCursorMovesOn(@TempDir Path dir) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        HubSpotHttp http = new HubSpotHttp(HubSpotConfig.of("pat-test").withBaseUri(URI.create(hubspot.baseUrl())),
                HttpClient.newHttpClient());
        stubHubSpot("900", null);
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/batch/update")).willReturn(com.github.tomakehurst.wiremock.client.WireMock
                .aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"error\",\"message\":\"101 is not a valid owner id\",\"correlationId\":\"x-9\",\"category\":\"VALIDATION_ERROR\"}")));
        try (JdbcStore store = JdbcStore.h2(dir.resolve("regla"), clock)) {
            AdvisingSync sync = new AdvisingSync(engine, new HubSpotCrm(http), new HubSpotMailer(http, Map.of(Enrolment.TEMPLATE, 4242L)),
                    store, clock, AdvisingSync.Properties.defaults());
            SyncReport r = sync.run(Instant.parse("2026-08-01T00:00:00Z"));
            assertThat(r.alerts()).extracting(a -> a.code()).contains("PROPIETARIO_RECHAZADO", "FACULTAD_SIN_ASESOR");
            assertThat(r.alerts()).filteredOn(a -> a.code().equals("PROPIETARIO_RECHAZADO")).singleElement()
                    .satisfies(a -> assertThat(a.message()).contains("VALIDATION_ERROR", "x-9"));
            assertThat(r.ownerChanges()).isEqualTo(1); // the contact's
            assertThat(store.cursors().get(AdvisingSync.CURSOR)).contains(D3_CREATED.toString());
        }
    }

    @Test
    void aRetryableFailureEndsTheRunTheCursorStaysAndTheNextRunIsTheRetry(@TempDir Path dir) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        HubSpotHttp http = new HubSpotHttp(HubSpotConfig.of("pat-test").withBaseUri(URI.create(hubspot.baseUrl())),
                HttpClient.newHttpClient());
        stubHubSpot("900", null);
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/batch/update")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
                .withBody("{\"status\":\"error\",\"message\":\"ten_secondly_rolling\",\"errorType\":\"RATE_LIMIT\","
                        + "\"policyName\":\"TEN_SECONDLY_ROLLING\",\"correlationId\":\"rl-1\"}")));
        try (JdbcStore store = JdbcStore.h2(dir.resolve("regla"), clock)) {
            AdvisingSync sync = new AdvisingSync(engine, new HubSpotCrm(http), new HubSpotMailer(http, Map.of(Enrolment.TEMPLATE, 4242L)),
                    store, clock, AdvisingSync.Properties.defaults());

            HubSpotException e = catchThrowableOfType(HubSpotException.class, () -> sync.run(Instant.parse("2026-08-01T00:00:00Z")));

            assertThat(e.retryable()).isTrue();
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(10));
            hubspot.verify(1, postRequestedFor(urlEqualTo("/crm/v3/objects/contacts/batch/update")));
            assertThat(store.cursors().get(AdvisingSync.CURSOR)).as("the cursor stays").isEmpty();
            hubspot.verify(0, postRequestedFor(urlEqualTo(SEND)));

            // The next run: HubSpot has the deal's new owner and lets the contact update through.
            stubHubSpot("101", null);
            SyncReport next = sync.run(Instant.parse("2026-08-01T00:00:00Z"));

            assertThat(next.cursorFrom()).isEqualTo(Instant.parse("2026-08-01T00:00:00Z"));
            assertThat(next.ownerChanges()).as("only the contact is left to change").isEqualTo(1);
            assertThat(next.emailsQueued()).as("queued by the first run already").isZero();
            assertThat(next.emailsSent()).isEqualTo(1);
            assertThat(next.noticesCreated()).isEqualTo(2);
            hubspot.verify(1, postRequestedFor(urlEqualTo("/crm/v3/objects/deals/batch/update")));
            hubspot.verify(2, postRequestedFor(urlEqualTo("/crm/v3/objects/contacts/batch/update")));
            hubspot.verify(1, postRequestedFor(urlEqualTo(SEND)));
            hubspot.verify(2, postRequestedFor(urlEqualTo("/crm/v3/objects/tasks")));
            assertThat(store.cursors().get(AdvisingSync.CURSOR)).contains(D3_CREATED.toString());
        }
    }

    @Test
    void routesNotifiesAndSendsOnceThenARerunChangesNothing(@TempDir Path dir) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        HubSpotHttp http = new HubSpotHttp(HubSpotConfig.of("pat-test").withBaseUri(URI.create(hubspot.baseUrl())),
                HttpClient.newHttpClient());
        try (JdbcStore store = JdbcStore.h2(dir.resolve("regla"), clock)) {
            AdvisingSync sync = new AdvisingSync(engine, new HubSpotCrm(http), new HubSpotMailer(http, Map.of(Enrolment.TEMPLATE, 4242L)),
                    store, clock, AdvisingSync.Properties.defaults());
            stubHubSpot("900", null);

            SyncReport first = sync.run(Instant.parse("2026-08-01T00:00:00Z"));

            assertThat(first.deals()).isEqualTo(3);
            assertThat(first.ownerChanges()).isEqualTo(2);
            assertThat(first.emailsQueued()).isEqualTo(1);
            assertThat(first.emailsSent()).isEqualTo(1);
            assertThat(first.noticesCreated()).isEqualTo(2);
            assertThat(first.alerts()).extracting(a -> a.code() + " " + a.subjectId()).containsExactly("FACULTAD_SIN_ASESOR 1003");
            assertThat(first.routedPerOwner()).containsExactly(Map.entry("101", 1));
            assertThat(first.cursorTo()).isEqualTo(D3_CREATED);
            hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/deals/batch/update"))
                    .withRequestBody(equalToJson("{\"inputs\":[{\"id\":\"1001\",\"properties\":{\"hubspot_owner_id\":\"101\"}}]}")));
            hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/contacts/batch/update"))
                    .withRequestBody(equalToJson("{\"inputs\":[{\"id\":\"501\",\"properties\":{\"hubspot_owner_id\":\"101\"}}]}")));
            hubspot.verify(postRequestedFor(urlEqualTo("/crm/v4/associations/deals/contacts/batch/read"))
                    .withRequestBody(equalToJson("{\"inputs\":[{\"id\":\"1001\"},{\"id\":\"1002\"},{\"id\":\"1003\"}]}")));
            hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/tasks"))
                    .withRequestBody(matchingJsonPath("$.properties.hs_task_subject", equalTo("Deal sin Facultad Asociada [Curso de Gerencia]")))
                    .withRequestBody(matchingJsonPath("$.properties.hubspot_owner_id", equalTo("555"))));
            hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/tasks"))
                    .withRequestBody(matchingJsonPath("$.properties.hs_task_subject", equalTo("Facultad sin asesor [TEOLOGÍA]")))
                    .withRequestBody(matchingJsonPath("$.properties.hubspot_owner_id", equalTo("900")))
                    .withRequestBody(matchingJsonPath("$.associations[0].to.id", equalTo("1003"))));
            hubspot.verify(postRequestedFor(urlEqualTo(SEND)).withRequestBody(equalToJson("""
                    {"emailId":4242,"message":{"to":"ana.perez@example.com","sendId":"INSCRIPCION:1001:501"}}""", true, true)));
            assertThat(store.outbox().find("INSCRIPCION:1001:501")).get().satisfies(e -> assertThat(e.status()).isEqualTo(OutboxStatus.SENT));

            // HubSpot now holds the owners the first run set; the same deals come back (createdate >= cursor re-reads the last).
            stubHubSpot("101", "101");
            SyncReport second = sync.run(Instant.parse("2026-08-01T00:00:00Z"));

            assertThat(second.cursorFrom()).isEqualTo(D3_CREATED);
            hubspot.verify(postRequestedFor(urlEqualTo(SEARCH)).withRequestBody(matchingJsonPath("$.filterGroups[0].filters[0].value",
                    equalTo(String.valueOf(D3_CREATED.toEpochMilli())))));
            assertThat(second.ownerChanges()).isZero();
            assertThat(second.emailsQueued()).isZero();
            assertThat(second.noticesQueued()).isZero();
            hubspot.verify(1, postRequestedFor(urlEqualTo("/crm/v3/objects/deals/batch/update")));
            hubspot.verify(1, postRequestedFor(urlEqualTo("/crm/v3/objects/contacts/batch/update")));
            hubspot.verify(2, postRequestedFor(urlEqualTo("/crm/v3/objects/tasks")));
            hubspot.verify(1, postRequestedFor(urlEqualTo(SEND)));

            // The webhook trigger on a deal already handled: read by id, nothing changes, the cursor stays.
            hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/batch/read")).willReturn(okJson("{\"status\":\"COMPLETE\",\"results\":["
                    + deal("1001", "Diplomado en Derecho Digital", "Jurisprudencia ", "101", "2026-08-03T08:00:00Z") + "]}")));
            SyncReport hook = sync.processDeals(java.util.List.of("1001"));
            assertThat(hook.deals()).isEqualTo(1);
            assertThat(hook.ownerChanges() + hook.emailsQueued() + hook.noticesQueued()).isZero();
            assertThat(hook.routedPerOwner()).containsExactly(Map.entry("101", 1));
            assertThat(store.cursors().get(AdvisingSync.CURSOR)).contains(D3_CREATED.toString());
        }
    }

    @Test
    void noticesGoAsAnInternalEmailToTheDealOwnerAndAsATaskWhenTheOwnerHasNoAddress(@TempDir Path dir) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        HubSpotHttp http = new HubSpotHttp(HubSpotConfig.of("pat-test").withBaseUri(URI.create(hubspot.baseUrl())),
                HttpClient.newHttpClient());
        stubHubSpot("900", null);
        // Owner 555 (deal 1002's) has left the owner list: its notice cannot be mailed.
        try (JdbcStore store = JdbcStore.h2(dir.resolve("regla"), clock)) {
            AdvisingSync sync = new AdvisingSync(engine, new HubSpotCrm(http), new HubSpotMailer(http,
                    Map.of(Enrolment.TEMPLATE, 4242L, io.regla.rules.advising.Notices.EMAIL_TEMPLATE, 77L)),
                    store, clock, AdvisingSync.Properties.defaults(), NoticeChannel.EMAIL);

            SyncReport r = sync.run(Instant.parse("2026-08-01T00:00:00Z"));

            hubspot.verify(postRequestedFor(urlEqualTo(SEND)).withRequestBody(equalToJson("""
                    {"emailId":77,"message":{"to":"duvan.albarracin@example.edu.co","sendId":"%s"},
                     "customProperties":{"subject":"Facultad sin asesor [TEOLOGÍA]","dealId":"1003","ownerName":"Duván Albarracín"}}"""
                    .formatted(io.regla.rules.advising.Notices.emailKey("1003", "Facultad sin asesor [TEOLOGÍA]")), true, true))
                    .withRequestBody(matchingJsonPath("$.customProperties.body", com.github.tomakehurst.wiremock.client.WireMock.containing("faculty-routes.csv"))));
            assertThat(r.alerts()).extracting(a -> a.code() + " " + a.subjectId()).contains("AVISO_SIN_CORREO 1002");
            hubspot.verify(1, postRequestedFor(urlEqualTo("/crm/v3/objects/tasks"))
                    .withRequestBody(matchingJsonPath("$.properties.hs_task_subject", equalTo("Deal sin Facultad Asociada [Curso de Gerencia]"))));
            assertThat(r.noticesQueued()).isEqualTo(2);
            assertThat(r.noticesCreated()).isEqualTo(2);
            assertThat(store.outbox().find(io.regla.rules.advising.Notices.emailKey("1003", "Facultad sin asesor [TEOLOGÍA]"))).get()
                    .satisfies(e -> assertThat(e.channel()).isEqualTo(AdvisingSync.NOTICE_EMAIL_CHANNEL));

            // The owner is back in HubSpot with an address, and the team wants both channels: nothing is sent twice.
            hubspot.stubFor(get(urlEqualTo("/crm/v3/owners/?limit=100&archived=false")).willReturn(okJson("""
                    {"results":[{"id":"555","email":"coordinacion.educon@example.edu.co","firstName":"Coordinación","lastName":"EDUCON","archived":false},
                     {"id":"900","email":"duvan.albarracin@example.edu.co","firstName":"Duván","lastName":"Albarracín","archived":false}]}""")));
            AdvisingSync both = new AdvisingSync(engine, new HubSpotCrm(http), new HubSpotMailer(http,
                    Map.of(Enrolment.TEMPLATE, 4242L, io.regla.rules.advising.Notices.EMAIL_TEMPLATE, 77L)),
                    store, clock, AdvisingSync.Properties.defaults(), NoticeChannel.BOTH);
            store.cursors().put(AdvisingSync.CURSOR, "2026-08-01T00:00:00Z");
            SyncReport again = both.run(Instant.parse("2026-08-01T00:00:00Z"));

            assertThat(again.noticesQueued()).as("1002 by e-mail now, 1003 as a task now").isEqualTo(2);
            hubspot.verify(postRequestedFor(urlEqualTo(SEND)).withRequestBody(matchingJsonPath("$.message.to",
                    equalTo("coordinacion.educon@example.edu.co"))).withRequestBody(matchingJsonPath("$.customProperties.subject",
                    equalTo("Deal sin Facultad Asociada [Curso de Gerencia]"))));
            hubspot.verify(2, postRequestedFor(urlEqualTo("/crm/v3/objects/tasks")));
            hubspot.verify(3, postRequestedFor(urlEqualTo(SEND))); // enrolment + two notices, each once
        }
    }
}
