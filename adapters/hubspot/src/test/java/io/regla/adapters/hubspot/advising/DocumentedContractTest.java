package io.regla.adapters.hubspot.advising;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.regla.adapters.hubspot.HubSpotConfig;
import io.regla.adapters.hubspot.HubSpotException;
import io.regla.adapters.hubspot.HubSpotHttp;
import io.regla.adapters.hubspot.crm.HubSpotCrm;
import io.regla.adapters.hubspot.email.HubSpotMailer;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.cli.ReglaCli;
import io.regla.core.Regla;
import io.regla.rules.advising.Enrolment;
import io.regla.rules.advising.FacultyChange;
import io.regla.rules.advising.Notices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code regla advising sync} against a HubSpot that serves ONLY the endpoints HubSpot documents for us
 * (/work/shared/notes/provider-apis.md, "HubSpot"): search, single-object read and PATCH, owners at
 * {@code /crm/v3/owners/}, v4 deal-to-contact associations, tasks, single-send. Everything else (batch read and
 * update, associations' batch read, tasks' search, the Automation API) answers WireMock's 404 for an unknown path,
 * as a mock replaying that contract does. Shapes as documented: every property a string, {@code paging.next.after},
 * error bodies, 429 with {@code X-HubSpot-RateLimit-*} and no {@code Retry-After}.
 */
class DocumentedContractTest {

    @RegisterExtension
    static WireMockExtension hubspot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String SEND = "/marketing/v3/transactional/single-email/send";
    private static final String TASKS = "/crm/v3/objects/tasks";
    private static final String NOTICE_SUBJECT = "Deal sin Facultad Asociada [Curso de Gerencia]";
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static String deal(String id, String name, String faculty, String owner) {
        return """
                {"id":"%s","properties":{"dealname":"%s","facultad":%s,"hubspot_owner_id":"%s","createdate":"2026-12-03T01:00:00Z",
                 "hs_is_closed":"false"},"createdAt":"2026-12-03T01:00:00Z","updatedAt":"2026-12-03T01:00:00Z","archived":false}"""
                .formatted(id, name, faculty == null ? "null" : "\"" + faculty + "\"", owner);
    }

    private static void contact(String id, String email, String faculty, String owner) {
        hubspot.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts/" + id)).atPriority(5).withQueryParam("properties", containing("facultad"))
                .willReturn(okJson("""
                        {"id":"%s","properties":{"email":"%s","firstname":"N%1$s","lastname":"L","facultad":%s,"hubspot_owner_id":%s},
                         "createdAt":"2026-11-20T10:00:00Z","updatedAt":"2026-12-03T01:00:00Z","archived":false}"""
                        .formatted(id, email, faculty == null ? "null" : "\"" + faculty + "\"", owner == null ? "null" : "\"" + owner + "\""))));
    }

    /** {@code GET /crm/v4/objects/deals/{id}/associations/contacts}, one page per group of contacts, chained by {@code after}. */
    private static void associations(String dealId, int[]... pages) {
        for (int p = 0; p < pages.length; p++) {
            StringBuilder results = new StringBuilder();
            for (int c : pages[p]) {
                if (!results.isEmpty()) results.append(',');
                results.append("{\"toObjectId\":").append(c)
                        .append(",\"associationTypes\":[{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":3,\"label\":null}]}");
            }
            String paging = p + 1 < pages.length ? ",\"paging\":{\"next\":{\"after\":\"" + dealId + "-" + (p + 1) + "\"}}" : "";
            hubspot.stubFor(get(urlPathEqualTo("/crm/v4/objects/deals/" + dealId + "/associations/contacts"))
                    .withQueryParam("after", p == 0 ? absent() : equalTo(dealId + "-" + p))
                    .willReturn(okJson("{\"results\":[" + results + "]" + paging + "}")));
        }
    }

    private static String notFound(String what) {
        return "{\"status\":\"error\",\"message\":\"" + what + "\",\"correlationId\":\"c0ffee00-0000-4000-8000-000000000404\","
                + "\"category\":\"OBJECT_NOT_FOUND\"}";
    }

    /**
     * New deals: 1001 says Economía, its contact 501 Jurisprudencia; 1002 has no faculty anywhere (owner 555; its
     * other contact 507 was deleted); 1003's contacts (two association pages) are in Jurisprudencia and Economía.
     * Contact 506 changed faculty (Jurisprudencia to Economía) and has open deal 1004, created before the window.
     */
    @BeforeEach
    void portal() {
        AdvisingCommand.Sync.hubspotConfig = () -> HubSpotConfig.of("pat-test").withBaseUri(URI.create(hubspot.baseUrl()));
        AdvisingCommand.Sync.clock = Clock.fixed(Instant.parse("2026-12-03T14:00:00Z"), ZoneOffset.UTC);
        hubspot.stubFor(get(urlPathEqualTo("/crm/v3/owners/")).willReturn(okJson("""
                {"results":[
                 {"id":"101","email":"valentina.rubiano@example.edu.co","firstName":"Valentina","lastName":"Rubiano","userId":7101,"teams":[],"archived":false},
                 {"id":"103","email":"laura.mejia@example.edu.co","firstName":"Laura","lastName":"Mejía","userId":7103,"teams":[],"archived":false}],
                 "paging":{"next":{"after":"103"}}}""")));
        hubspot.stubFor(get(urlPathEqualTo("/crm/v3/owners/")).withQueryParam("after", equalTo("103")).willReturn(okJson("""
                {"results":[
                 {"id":"555","email":"coordinacion.educon@example.edu.co","firstName":"Coordinación","lastName":"EDUCON","userId":7555,"teams":[],"archived":false},
                 {"id":"900","email":"duvan.albarracin@example.edu.co","firstName":"Duván","lastName":"Albarracín","userId":7900,"teams":[],"archived":false}]}""")));
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/search")).willReturn(okJson("{\"total\":3,\"results\":["
                + deal("1001", "Diplomado en Derecho Digital", "ECONOMÍA", "900") + ","
                + deal("1002", "Curso de Gerencia", null, "555") + "],\"paging\":{\"next\":{\"after\":\"2\"}}}")));
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/search")).withRequestBody(matchingJsonPath("$.after", equalTo("2")))
                .willReturn(okJson("{\"total\":3,\"results\":[" + deal("1003", "Curso Mixto", "ECONOMÍA", "900") + "]}")));
        hubspot.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals/1004")).withQueryParam("properties", containing("hs_is_closed"))
                .willReturn(okJson(deal("1004", "Maestría en Finanzas", "JURISPRUDENCIA", "101"))));
        associations("1001", new int[]{501});
        associations("1002", new int[]{502, 507});
        associations("1003", new int[]{503}, new int[]{504});
        associations("1004", new int[]{506});
        contact("501", "ana.perez@example.com", "jurisprudencia ", "900");
        contact("502", "beto@example.com", null, "555");
        contact("503", "carla@example.com", "JURISPRUDENCIA", null);
        contact("504", "dario@example.com", "Economía", null);
        contact("506", "elena@example.com", "ECONOMÍA", "101");
        hubspot.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts/507"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody(notFound("Object not found.  objectId are usually numeric."))));
        // The faculty poller: contacts modified since the window, 506's faculty history, its deals.
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/search")).willReturn(okJson("""
                {"total":1,"results":[{"id":"506","properties":{"lastmodifieddate":"2026-12-03T13:55:01Z"},
                 "createdAt":"2026-11-20T10:00:00Z","updatedAt":"2026-12-03T13:55:01Z","archived":false}]}""")));
        hubspot.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts/506")).atPriority(1)
                .withQueryParam("propertiesWithHistory", equalTo("facultad")).willReturn(okJson("""
                {"id":"506","properties":{"facultad":"ECONOMÍA"},"propertiesWithHistory":{"facultad":[
                  {"value":"ECONOMÍA","timestamp":"2026-12-03T13:55:00Z","sourceType":"CRM_UI","sourceId":"userId:4242","updatedByUserId":4242},
                  {"value":"JURISPRUDENCIA","timestamp":"2026-11-20T10:00:00Z","sourceType":"FORM","sourceId":"form-1"}]},
                 "createdAt":"2026-11-20T10:00:00Z","updatedAt":"2026-12-03T13:55:01Z","archived":false}""")));
        hubspot.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts/506")).atPriority(1)
                .withQueryParam("associations", equalTo("deals")).willReturn(okJson("""
                {"id":"506","properties":{"email":"elena@example.com"},"associations":{"deals":{"results":[
                  {"id":"1004","type":"contact_to_deal"},{"id":"1004","type":"contact_to_deal_unlabeled"}]}},
                 "createdAt":"2026-11-20T10:00:00Z","updatedAt":"2026-12-03T13:55:01Z","archived":false}""")));
        hubspot.stubFor(patch(urlPathMatching("/crm/v3/objects/(deals|contacts)/[0-9]+")).willReturn(okJson("""
                {"id":"1","properties":{"hubspot_owner_id":"1"},"createdAt":"2026-11-20T10:00:00Z","updatedAt":"2026-12-03T14:00:00Z","archived":false}""")));
        hubspot.stubFor(post(urlEqualTo(SEND)).willReturn(okJson("{\"status\":\"PENDING\",\"statusId\":\"st-1\"}")));
        hubspot.stubFor(post(urlEqualTo(TASKS)).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"7001\",\"properties\":{\"hs_task_subject\":\"" + NOTICE_SUBJECT + "\"}}")));
    }

    @AfterEach
    void reset() {
        AdvisingCommand.Sync.hubspotConfig = HubSpotConfig::fromEnvironment;
        AdvisingCommand.Sync.clock = Clock.systemUTC();
    }

    private static void assertOwnerPatch(String type, String id, String owner) {
        hubspot.verify(1, patchRequestedFor(urlEqualTo("/crm/v3/objects/" + type + "/" + id))
                .withRequestBody(equalToJson("{\"properties\":{\"hubspot_owner_id\":\"" + owner + "\"}}")));
    }

    @Test
    void advisingSyncRoutesAlertsNoticesAndReRoutesOnTheDocumentedEndpointsAlone(@TempDir Path dir) {
        int code = SyncCommandRun.sync(out, err, dir);

        assertThat(code).as(err.toString()).isEqualTo(ReglaCli.OK);
        // 1.1.0: the contact's Jurisprudencia (Valentina Rubiano, 101) for 1001 and 501; 1003's contacts conflict.
        assertOwnerPatch("deals", "1001", "101");
        assertOwnerPatch("contacts", "501", "101");
        assertThat(out.toString()).contains("FACULTADES_EN_CONFLICTO deal 1003", "notices (email) queued 1 sent 1");
        // 506 moved to Economía: the contact and its open deal go to Laura Mejía (103).
        assertOwnerPatch("contacts", "506", "103");
        assertOwnerPatch("deals", "1004", "103");
        assertThat(hubspot.findAll(patchRequestedFor(anyUrl()))).hasSize(4);
        hubspot.verify(postRequestedFor(urlEqualTo(SEND)).withRequestBody(equalToJson("""
                {"emailId":77,"message":{"to":"coordinacion.educon@example.edu.co"},"customProperties":{"subject":"%s","dealId":"1002"}}"""
                .formatted(NOTICE_SUBJECT), true, true)));
        hubspot.verify(0, postRequestedFor(urlEqualTo(TASKS)));
        // The first batch call's 404 is remembered: no other batch endpoint is tried in the run.
        assertThat(hubspot.findAll(anyRequestedFor(urlPathMatching(".*/batch/.*")))).hasSize(1);
        hubspot.verify(pageRequested("/crm/v4/objects/deals/1003/associations/contacts", "1003-1"));
    }

    private static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pageRequested(String path, String after) {
        return com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo(path)).withQueryParam("after", equalTo(after));
    }

    @Test
    void noticeTaskPostsATaskToTheDealOwner(@TempDir Path dir) {
        assertThat(SyncCommandRun.sync(out, err, dir, "--notice", "task")).as(err.toString()).isEqualTo(ReglaCli.OK);

        hubspot.verify(1, postRequestedFor(urlEqualTo(TASKS))
                .withRequestBody(matchingJsonPath("$.properties.hs_task_subject", equalTo(NOTICE_SUBJECT)))
                .withRequestBody(matchingJsonPath("$.properties.hubspot_owner_id", equalTo("555")))
                .withRequestBody(matchingJsonPath("$.associations[0].types[0].associationTypeId", equalTo("216"))));
        hubspot.verify(0, postRequestedFor(urlEqualTo(SEND)).withRequestBody(matchingJsonPath("$.emailId", equalTo("77"))));
        assertOwnerPatch("deals", "1001", "101");
    }

    /** What the {@code contact.propertyChange} webhook hands over once its signature is checked: the new value only. */
    @Test
    void theWebhooksFacultyChangeMovesTheContactAndItsOpenDealWithTheHistoryReadOneByOne(@TempDir Path dir) {
        Clock clock = AdvisingCommand.Sync.clock;
        HubSpotHttp api = new HubSpotHttp(HubSpotConfig.of("pat-test").withBaseUri(URI.create(hubspot.baseUrl())));
        try (RulesEngine engine = Regla.builder().bundledRules().clock(clock).build();
             JdbcStore store = JdbcStore.h2(dir.resolve("regla"), clock)) {
            AdvisingSync sync = new AdvisingSync(engine, new HubSpotCrm(api), new HubSpotMailer(api, Map.of(Enrolment.TEMPLATE, 4242L,
                    Notices.EMAIL_TEMPLATE, 77L)), store, clock, AdvisingSync.Properties.defaults(), NoticeChannel.EMAIL);

            SyncReport r = sync.processFacultyChanges(List.of(new FacultyChange("506", null, "ECONOMÍA", "CRM_UI",
                    Instant.parse("2026-12-03T13:55:00Z"))));

            assertThat(r.ownerChanges()).isEqualTo(2);
            assertOwnerPatch("contacts", "506", "103");
            assertOwnerPatch("deals", "1004", "103");
            // The old value comes from the property's history, read with the documented single GET.
            assertThat(FacultyChanges.journey(store, "506")).first()
                    .satisfies(s -> assertThat(s.from() + " -> " + s.to()).isEqualTo("JURISPRUDENCIA -> ECONOMÍA"));
        }
    }

    @Test
    void aRateLimitOnTheSingleReadIsRetryableByTheIntervalAndTasksSearchDegradesToNoLookup() {
        HubSpotCrm crm = new HubSpotCrm(new HubSpotHttp(HubSpotConfig.of("pat-test").withBaseUri(URI.create(hubspot.baseUrl()))));
        hubspot.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals/1001")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-HubSpot-RateLimit-Max", "100").withHeader("X-HubSpot-RateLimit-Remaining", "0")
                .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
                .withBody("{\"status\":\"error\",\"message\":\"You have reached your ten_secondly_rolling limit.\",\"errorType\":\"RATE_LIMIT\","
                        + "\"correlationId\":\"c0ffee00-0000-4000-8000-000000000429\",\"policyName\":\"TEN_SECONDLY_ROLLING\"}")));

        assertThatThrownBy(() -> crm.readAll(HubSpotCrm.ObjectType.DEAL, List.of("1001"), List.of("dealname")))
                .isInstanceOfSatisfying(HubSpotException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(10_000));
                });
        // The deleted contact's OBJECT_NOT_FOUND is an answer about an object: it is left out, not an error.
        assertThat(crm.readAll(HubSpotCrm.ObjectType.CONTACT, List.of("507", "502"), List.of("facultad")))
                .extracting(c -> c.id() + " " + c.property("email")).containsExactly("502 beto@example.com");

        assertThat(crm.findTask("1002", NOTICE_SUBJECT)).isEmpty();
        assertThat(crm.findTask("1002", NOTICE_SUBJECT)).isEmpty();
        hubspot.verify(1, postRequestedFor(urlEqualTo("/crm/v3/objects/tasks/search")));
        assertThat(hubspot.findAll(anyRequestedFor(urlPathMatching(".*/batch/.*")))).extracting(LoggedRequest::getUrl)
                .containsExactly("/crm/v3/objects/deals/batch/read");
    }
}
