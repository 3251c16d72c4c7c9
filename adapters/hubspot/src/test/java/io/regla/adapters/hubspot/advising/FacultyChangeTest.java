package io.regla.adapters.hubspot.advising;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.regla.adapters.http.RoleRegistry;
import io.regla.adapters.http.WebServer;
import io.regla.adapters.http.auth.Accounts;
import io.regla.adapters.hubspot.HubSpotConfig;
import io.regla.adapters.hubspot.HubSpotHttp;
import io.regla.adapters.hubspot.crm.HubSpotCrm;
import io.regla.adapters.hubspot.email.HubSpotMailer;
import io.regla.adapters.hubspot.webhook.SignatureV3;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.rules.advising.ContactJourneyStep;
import io.regla.rules.advising.Enrolment;
import io.regla.rules.advising.Notices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contact changes faculty (Jurisprudencia to Economía): the {@code contact.propertyChange} webhook subscription
 * (signature v3) and the poller both move the contact and its open deal to Economía's advisor, leave the closed deal
 * alone, and record who changed what. HubSpot's contract served by WireMock; a real H2 store; advising 1.1.0.
 */
class FacultyChangeTest {

    @RegisterExtension
    static WireMockExtension hubspot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final Instant NOW = Instant.parse("2026-12-03T14:00:00Z");
    static final Instant CHANGED = Instant.parse("2026-12-03T13:55:00Z");
    static final String SECRET = "app-secret";
    static final URI PUBLIC = URI.create("https://regla.example.edu.co");
    static final String DEAL_UPDATE = "/crm/v3/objects/deals/batch/update";
    static final String CONTACT_UPDATE = "/crm/v3/objects/contacts/batch/update";
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    RulesEngine engine;
    JdbcStore store;
    AdvisingSync sync;

    @BeforeEach
    void start(@TempDir Path dir) {
        engine = Regla.builder().bundledRules().clock(clock).build();
        store = JdbcStore.h2(dir.resolve("regla"), clock);
        HubSpotHttp api = new HubSpotHttp(HubSpotConfig.of("pat-test").withBaseUri(URI.create(hubspot.baseUrl())), HttpClient.newHttpClient());
        sync = new AdvisingSync(engine, new HubSpotCrm(api), new HubSpotMailer(api, Map.of(Enrolment.TEMPLATE, 4242L,
                Notices.EMAIL_TEMPLATE, 77L)), store, clock, AdvisingSync.Properties.defaults(), NoticeChannel.EMAIL);
        hubspot.stubFor(get(urlEqualTo("/crm/v3/owners/?limit=100&archived=false")).willReturn(okJson("""
                {"results":[{"id":"101","email":"valentina.rubiano@example.edu.co","firstName":"Valentina","lastName":"Rubiano","archived":false},
                 {"id":"103","email":"laura.mejia@example.edu.co","firstName":"Laura","lastName":"Mejía","archived":false},
                 {"id":"900","email":"duvan.albarracin@example.edu.co","firstName":"Duván","lastName":"Albarracín","archived":false}]}""")));
        stubPortal("101");
        hubspot.stubFor(post(urlEqualTo(DEAL_UPDATE)).willReturn(okJson("{\"status\":\"COMPLETE\",\"results\":[]}")));
        hubspot.stubFor(post(urlEqualTo(CONTACT_UPDATE)).willReturn(okJson("{\"status\":\"COMPLETE\",\"results\":[]}")));
    }

    /** Contact 501 (now Economía) on open deal 1001 and closed deal 1002; owners as HubSpot holds them. */
    private void stubPortal(String owner) {
        hubspot.stubFor(post(urlEqualTo("/crm/v4/associations/contacts/deals/batch/read")).willReturn(okJson("""
                {"status":"COMPLETE","results":[{"from":{"id":"501"},"to":[{"toObjectId":1001,"associationTypes":[]},
                 {"toObjectId":1002,"associationTypes":[]}]}]}""")));
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/batch/read")).willReturn(okJson("""
                {"status":"COMPLETE","results":[
                 {"id":"1001","properties":{"dealname":"Diplomado en Derecho Digital","facultad":"JURISPRUDENCIA","hubspot_owner_id":"%1$s","hs_is_closed":"false"}},
                 {"id":"1002","properties":{"dealname":"Curso cerrado","facultad":"JURISPRUDENCIA","hubspot_owner_id":"101","hs_is_closed":"true"}}]}"""
                .formatted(owner))));
        hubspot.stubFor(post(urlEqualTo("/crm/v4/associations/deals/contacts/batch/read")).willReturn(okJson("""
                {"status":"COMPLETE","results":[{"from":{"id":"1001"},"to":[{"toObjectId":501,"associationTypes":[]}]}]}""")));
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/batch/read")).atPriority(5).willReturn(okJson("""
                {"status":"COMPLETE","results":[{"id":"501","properties":{"email":"ana.perez@example.com","firstname":"Ana",
                 "facultad":"ECONOMÍA","hubspot_owner_id":"%s"}}]}""".formatted(owner))));
    }

    @AfterEach
    void stop() {
        store.close();
        engine.close();
    }

    private void assertMovedOnceWithJourney(String from, String by) {
        hubspot.verify(1, postRequestedFor(urlEqualTo(DEAL_UPDATE))
                .withRequestBody(equalToJson("{\"inputs\":[{\"id\":\"1001\",\"properties\":{\"hubspot_owner_id\":\"103\"}}]}")));
        hubspot.verify(1, postRequestedFor(urlEqualTo(CONTACT_UPDATE))
                .withRequestBody(equalToJson("{\"inputs\":[{\"id\":\"501\",\"properties\":{\"hubspot_owner_id\":\"103\"}}]}")));
        hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/deals/batch/read"))
                .withRequestBody(matchingJsonPath("$.properties[?(@ == 'hs_is_closed')]")));
        hubspot.verify(0, postRequestedFor(urlEqualTo("/marketing/v3/transactional/single-email/send")));
        List<ContactJourneyStep> journey = FacultyChanges.journey(store, "501");
        assertThat(journey).extracting(s -> s.what() + " " + s.objectType() + " " + s.objectId() + " " + s.from() + " -> " + s.to() + " by " + s.by())
                .containsExactly(
                        "FACULTAD CONTACT 501 " + from + " -> ECONOMÍA by " + by,
                        "PROPIETARIO CONTACT 501 101 -> 103 by regla advising 1.1.0",
                        "PROPIETARIO DEAL 1001 101 -> 103 by regla advising 1.1.0");
        assertThat(journey.get(0).at()).isEqualTo(CHANGED);
    }

    /** Contact 501's faculty history as HubSpot's batch read with {@code propertiesWithHistory} gives it. */
    private void stubFacultyHistory() {
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/batch/read")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.propertiesWithHistory[0]", equalTo("facultad"))).willReturn(okJson("""
                {"status":"COMPLETE","results":[{"id":"501","properties":{"facultad":"ECONOMÍA"},"propertiesWithHistory":{"facultad":[
                  {"value":"JURISPRUDENCIA","timestamp":"2026-11-20T10:00:00Z","sourceType":"FORM","sourceId":"form-1"},
                  {"value":"ECONOMÍA","timestamp":"%s","sourceType":"CRM_UI","sourceId":"userId:4242","updatedByUserId":4242}]}}]}"""
                .formatted(CHANGED))));
    }

    @Test
    void theWebhookSubscriptionMovesTheContactAndItsOpenDeal() throws Exception {
        stubFacultyHistory();
        try (WebServer server = WebServer.builder(new Accounts(store.facts(), clock, new RoleRegistry(List.of()), 4))
                .module(new HubSpotWebhookRoute(new WorkflowWebhook(new SignatureV3(SECRET, clock)), sync, PUBLIC)).start()) {
            String body = """
                    [{"eventId":100,"subscriptionId":2001,"portalId":62515,"appId":54321,"occurredAt":%d,
                      "subscriptionType":"contact.propertyChange","attemptNumber":0,"objectId":501,"propertyName":"facultad",
                      "propertyValue":"ECONOMÍA","changeSource":"CRM_UI","sourceId":"userId:4242"},
                     {"eventId":101,"subscriptionId":2002,"portalId":62515,"appId":54321,"occurredAt":%1$d,
                      "subscriptionType":"contact.propertyChange","attemptNumber":0,"objectId":501,"propertyName":"phone",
                      "propertyValue":"+57 300","changeSource":"CRM_UI","sourceId":"userId:4242"}]""".formatted(CHANGED.toEpochMilli());
            String ts = String.valueOf(NOW.toEpochMilli());
            String sig = new SignatureV3(SECRET, clock).sign("POST", PUBLIC + HubSpotWebhookRoute.PATH, body, ts);
            HttpResponse<String> r = send(server, body, sig, ts);

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("\"facultyChanges\":1", "\"ownerChanges\":2", "\"deals\":0");
            // The event says the new value only; the property's history says the old one.
            assertMovedOnceWithJourney("JURISPRUDENCIA", "userId:4242");
            hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/contacts/batch/read"))
                    .withRequestBody(matchingJsonPath("$.inputs[0].id", equalTo("501")))
                    .withRequestBody(matchingJsonPath("$.propertiesWithHistory[0]", equalTo("facultad"))));

            // A forged call changes nothing.
            assertThat(send(server, body, sig.substring(1) + "A", ts).statusCode()).isEqualTo(401);
            hubspot.verify(1, postRequestedFor(urlEqualTo(CONTACT_UPDATE)));
        }
    }

    /** The newer app platform's {@code object.propertyChange} (contact: {@code objectTypeId} 0-1) moves the contact the same way. */
    @Test
    void theGenericObjectPropertyChangeOfAContactMovesItAsTheLegacyOneDoes() throws Exception {
        stubFacultyHistory();
        try (WebServer server = WebServer.builder(new Accounts(store.facts(), clock, new RoleRegistry(List.of()), 4))
                .module(new HubSpotWebhookRoute(new WorkflowWebhook(new SignatureV3(SECRET, clock)), sync, PUBLIC)).start()) {
            String body = """
                    [{"eventId":100,"subscriptionId":2001,"portalId":62515,"appId":54321,"occurredAt":%d,
                      "subscriptionType":"object.propertyChange","objectTypeId":"0-1","attemptNumber":0,"objectId":501,
                      "propertyName":"facultad","propertyValue":"ECONOMÍA","changeSource":"CRM_UI","sourceId":"userId:4242"}]"""
                    .formatted(CHANGED.toEpochMilli());
            String ts = String.valueOf(NOW.toEpochMilli());
            HttpResponse<String> r = send(server, body, new SignatureV3(SECRET, clock).sign("POST", PUBLIC + HubSpotWebhookRoute.PATH, body, ts), ts);

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("\"facultyChanges\":1", "\"ownerChanges\":2", "\"deals\":0");
            assertMovedOnceWithJourney("JURISPRUDENCIA", "userId:4242");
        }
    }

    @Test
    void reglaServeMovesFacultyChangesWithTheTokenAndAppSecretAloneAndLeavesWorkflowDealsToTheSync() throws Exception {
        stubFacultyHistory();
        // No HUBSPOT_ENROLMENT_EMAIL_ID: a contact who changes faculty sends no enrolment e-mail, so the route is on.
        Map<String, String> env = Map.of("HUBSPOT_TOKEN", "pat-test", "HUBSPOT_APP_SECRET", SECRET,
                "REGLA_PUBLIC_URL", PUBLIC.toString(), "HUBSPOT_BASE_URL", hubspot.baseUrl());
        Accounts accounts = new Accounts(store.facts(), clock, new RoleRegistry(List.of()), 4);
        List<io.regla.adapters.http.RouteModule> routes = new HubSpotWebhookRouteFactory().create(new io.regla.adapters.http.ServeContext(
                engine, store, clock, ZoneOffset.UTC, env, accounts, (name, every, task) -> { }, false,
                new java.io.PrintWriter(java.io.Writer.nullWriter())));
        assertThat(routes).singleElement().isInstanceOf(HubSpotWebhookRoute.class);
        WebServer.Builder builder = WebServer.builder(accounts);
        routes.forEach(builder::module);
        try (WebServer server = builder.start()) {
            String body = """
                    [{"eventId":100,"subscriptionId":2001,"portalId":62515,"appId":54321,"occurredAt":%d,
                      "subscriptionType":"contact.propertyChange","attemptNumber":0,"objectId":501,"propertyName":"facultad",
                      "propertyValue":"ECONOMÍA","changeSource":"CRM_UI","sourceId":"userId:4242"},
                     {"objectId":1003}]""".formatted(CHANGED.toEpochMilli());
            String ts = String.valueOf(NOW.toEpochMilli());
            HttpResponse<String> r = send(server, body, new SignatureV3(SECRET, clock).sign("POST", PUBLIC + HubSpotWebhookRoute.PATH, body, ts), ts);

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("\"facultyChanges\":1", "\"ownerChanges\":2", "\"deals\":0");
            assertMovedOnceWithJourney("JURISPRUDENCIA", "userId:4242");
            hubspot.verify(0, postRequestedFor(urlEqualTo("/crm/v3/objects/deals/batch/read"))
                    .withRequestBody(matchingJsonPath("$.inputs[?(@.id == '1003')]")));
        }
    }

    private HttpResponse<String> send(WebServer server, String body, String signature, String ts) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + HubSpotWebhookRoute.PATH))
                .header("Content-Type", "application/json").header(SignatureV3.SIGNATURE_HEADER, signature)
                .header(SignatureV3.TIMESTAMP_HEADER, ts).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePollerReadsTheFacultyHistoryAndMovesTheSameWayOnce() {
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/search")).willReturn(okJson("{\"total\":0,\"results\":[]}")));
        Instant modified = Instant.parse("2026-12-03T13:55:01Z");
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/search")).willReturn(okJson("""
                {"total":1,"results":[{"id":"501","properties":{"lastmodifieddate":"%1$s"},"createdAt":"2026-11-20T10:00:00Z",
                 "updatedAt":"%1$s","archived":false}]}""".formatted(modified))));
        stubFacultyHistory();

        SyncReport first = sync.run(Instant.parse("2026-12-03T00:00:00Z"));

        assertThat(first.facultyChanges()).isEqualTo(1);
        assertThat(first.ownerChanges()).isEqualTo(2);
        assertMovedOnceWithJourney("JURISPRUDENCIA", "userId:4242");
        assertThat(store.cursors().get(FacultyChanges.CURSOR)).contains(modified.toString());
        hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/contacts/search"))
                .withRequestBody(matchingJsonPath("$.filterGroups[0].filters[0].propertyName", equalTo("lastmodifieddate"))));

        // HubSpot now holds the new owners; the search returns the contact again (>= cursor), whose change is older.
        stubPortal("103");
        SyncReport second = sync.run(Instant.parse("2026-12-03T00:00:00Z"));

        assertThat(second.facultyChanges()).isZero();
        assertThat(second.ownerChanges()).isZero();
        assertMovedOnceWithJourney("JURISPRUDENCIA", "userId:4242");
    }

    @Test
    void aChangeToAFacultyWithoutRouteMovesNobodyAndSaysSo() {
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/batch/read")).atPriority(1).willReturn(okJson("""
                {"status":"COMPLETE","results":[{"id":"501","properties":{"email":"ana.perez@example.com","facultad":"Teología",
                 "hubspot_owner_id":"101"}}]}""")));

        SyncReport r = sync.processFacultyChanges(List.of(new io.regla.rules.advising.FacultyChange("501", null, "Teología", "IMPORT", CHANGED)));

        assertThat(r.ownerChanges()).isZero();
        assertThat(r.alerts()).extracting(a -> a.code() + " " + a.subjectId()).contains("FACULTAD_SIN_ASESOR 501");
        hubspot.verify(0, postRequestedFor(urlEqualTo(CONTACT_UPDATE)));
        assertThat(FacultyChanges.journey(store, "501")).singleElement()
                .satisfies(s -> assertThat(s.what() + " " + s.to() + " " + s.by()).isEqualTo("FACULTAD Teología IMPORT"));
    }
}
