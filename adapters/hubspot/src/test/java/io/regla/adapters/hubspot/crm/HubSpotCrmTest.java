package io.regla.adapters.hubspot.crm;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.regla.adapters.hubspot.HubSpotConfig;
import io.regla.adapters.hubspot.HubSpotException;
import io.regla.adapters.hubspot.HubSpotHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Replays HubSpot's documented CRM contract: paging, search, associations v4, PATCH, tasks, error bodies, and how each failure is classified
 * for the caller that retries (one request per call, never a wait inside the client). */
class HubSpotCrmTest {

    @RegisterExtension
    static WireMockExtension hubspot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String TOKEN = "pat-na1-SECRET-token";
    private HubSpotCrm crm;

    @BeforeEach
    void setUp() {
        HubSpotConfig config = HubSpotConfig.of(TOKEN).withBaseUri(URI.create(hubspot.baseUrl()));
        crm = new HubSpotCrm(new HubSpotHttp(config, HttpClient.newHttpClient()));
    }

    private static String error(String category, String message) {
        return "{\"status\":\"error\",\"message\":\"" + message + "\",\"correlationId\":\"0b7d-4c1e\",\"category\":\"" + category + "\"}";
    }

    @Test
    void ownersFollowPagingAndSendTheBearerToken() {
        hubspot.stubFor(get(urlEqualTo("/crm/v3/owners/?limit=100&archived=false")).willReturn(okJson("""
                {"results":[{"id":"101","email":"valentina.rubiano@example.edu.co","firstName":"Valentina","lastName":"Rubiano",
                 "userId":9001,"teams":[],"archived":false}],
                 "paging":{"next":{"after":"MTAx","link":"?after=MTAx"}}}""")));
        hubspot.stubFor(get(urlEqualTo("/crm/v3/owners/?limit=100&archived=false&after=MTAx")).willReturn(okJson("""
                {"results":[{"id":"900","email":"duvan.albarracin@example.edu.co","firstName":"Duván","lastName":"Albarracín","userId":9002,"archived":false}]}""")));

        List<HubSpotOwner> owners = crm.owners();

        assertThat(owners).extracting(HubSpotOwner::id).containsExactly("101", "900");
        assertThat(owners.get(1).name()).isEqualTo("Duván Albarracín");
        assertThat(owners.get(0).userId()).isEqualTo("9001");
        hubspot.verify(2, getRequestedFor(urlPathEqualTo("/crm/v3/owners/")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    /**
     * HubSpot's {@code paging.next.after} is opaque and comes raw (a base64 cursor with {@code + / =}) or already
     * URL-encoded (its reference's own example: {@code "after":"NTI1Cg%3D%3D"}, {@code "link":"?after=NTI1Cg%3D%3D"}):
     * each reaches HubSpot encoded exactly once, never {@code %253D}.
     */
    @Test
    void ownersSendEachCursorEncodedExactlyOnce() {
        hubspot.stubFor(get(urlEqualTo("/crm/v3/owners/?limit=100&archived=false")).willReturn(okJson("""
                {"results":[{"id":"101","email":"valentina.rubiano@example.edu.co","archived":false}],
                 "paging":{"next":{"after":"MTAx+Lz0/YQ=="}}}""")));
        hubspot.stubFor(get(urlEqualTo("/crm/v3/owners/?limit=100&archived=false&after=MTAx%2BLz0%2FYQ%3D%3D")).willReturn(okJson("""
                {"results":[{"id":"102","email":"duvan.albarracin@example.edu.co","archived":false}],
                 "paging":{"next":{"after":"NTI1Cg%3D%3D","link":"?after=NTI1Cg%3D%3D"}}}""")));
        hubspot.stubFor(get(urlEqualTo("/crm/v3/owners/?limit=100&archived=false&after=NTI1Cg%3D%3D")).willReturn(okJson("""
                {"results":[{"id":"103","email":"karen.pinzon@example.edu.co","archived":false}]}""")));

        assertThat(crm.owners()).extracting(HubSpotOwner::id).containsExactly("101", "102", "103");
        hubspot.verify(3, getRequestedFor(urlPathEqualTo("/crm/v3/owners/")));
    }

    @Test
    void dealContactsSendEachAssociationsCursorEncodedExactlyOnce() {
        hubspot.stubFor(get(urlEqualTo("/crm/v4/objects/deals/77/associations/contacts?limit=500")).willReturn(okJson("""
                {"results":[{"toObjectId":501,"associationTypes":[]}],"paging":{"next":{"after":"NTAx/+w="}}}""")));
        hubspot.stubFor(get(urlEqualTo("/crm/v4/objects/deals/77/associations/contacts?limit=500&after=NTAx%2F%2Bw%3D")).willReturn(okJson("""
                {"results":[{"toObjectId":502,"associationTypes":[]}],"paging":{"next":{"after":"NTAy%2Fw%3D%3D"}}}""")));
        hubspot.stubFor(get(urlEqualTo("/crm/v4/objects/deals/77/associations/contacts?limit=500&after=NTAy%2Fw%3D%3D")).willReturn(okJson("""
                {"results":[{"toObjectId":503,"associationTypes":[]}]}""")));

        assertThat(crm.dealContactIds("77")).containsExactly("501", "502", "503");
    }

    @Test
    void readsADealWithProperties() {
        hubspot.stubFor(get(urlEqualTo("/crm/v3/objects/deals/77?properties=dealname%2Cfacultad%2Chubspot_owner_id")).willReturn(okJson("""
                {"id":"77","properties":{"dealname":"Diplomado en Derecho Digital","facultad":"JURISPRUDENCIA","hubspot_owner_id":""},
                 "createdAt":"2026-08-01T10:00:00Z","updatedAt":"2026-08-02T10:00:00Z","archived":false}""")));

        CrmObject deal = crm.read(HubSpotCrm.ObjectType.DEAL, "77", List.of("dealname", "facultad", "hubspot_owner_id"));

        assertThat(deal.property("facultad")).isEqualTo("JURISPRUDENCIA");
        assertThat(deal.property("hubspot_owner_id")).isNull();
        assertThat(deal.createdAt()).isEqualTo(Instant.parse("2026-08-01T10:00:00Z"));
    }

    @Test
    void searchesDealsCreatedSinceTheCursorOldestFirstAcrossPages() {
        Instant since = Instant.parse("2026-08-01T00:00:00Z");
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/search"))
                .withRequestBody(matchingJsonPath("$.after", com.github.tomakehurst.wiremock.client.WireMock.absent()))
                .willReturn(okJson("""
                        {"total":2,"results":[{"id":"1","properties":{"dealname":"A","createdate":"2026-08-01T09:00:00.000Z"},
                          "createdAt":"2026-08-01T09:00:00Z"}],"paging":{"next":{"after":"1"}}}""")));
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/search"))
                .withRequestBody(matchingJsonPath("$.after", equalTo("1")))
                .willReturn(okJson("""
                        {"total":2,"results":[{"id":"2","properties":{"dealname":"B"},"createdAt":"2026-08-01T10:00:00Z"}]}""")));

        List<CrmObject> deals = crm.dealsCreatedSince(since, List.of("dealname"));

        assertThat(deals).extracting(CrmObject::id).containsExactly("1", "2");
        hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/deals/search")).withRequestBody(equalToJson("""
                {"filterGroups":[{"filters":[{"propertyName":"createdate","operator":"GTE","value":"%d"}]}],
                 "sorts":[{"propertyName":"createdate","direction":"ASCENDING"}],
                 "properties":["dealname","createdate"],"limit":100}""".formatted(since.toEpochMilli()))));
    }

    @Test
    void dealContactsComeFromAssociationsV4AcrossPages() {
        hubspot.stubFor(get(urlEqualTo("/crm/v4/objects/deals/77/associations/contacts?limit=500")).willReturn(okJson("""
                {"results":[{"toObjectId":501,"associationTypes":[{"category":"HUBSPOT_DEFINED","typeId":3,"label":null}]}],
                 "paging":{"next":{"after":"NTAx"}}}""")));
        hubspot.stubFor(get(urlEqualTo("/crm/v4/objects/deals/77/associations/contacts?limit=500&after=NTAx")).willReturn(okJson("""
                {"results":[{"toObjectId":502,"associationTypes":[{"category":"HUBSPOT_DEFINED","typeId":3,"label":null}]}]}""")));

        assertThat(crm.dealContactIds("77")).containsExactly("501", "502");
    }

    @Test
    void ownerUpdateIsAPatchOfHubspotOwnerId() {
        hubspot.stubFor(patch(urlEqualTo("/crm/v3/objects/contacts/501")).willReturn(okJson("{\"id\":\"501\",\"properties\":{}}")));
        hubspot.stubFor(patch(urlEqualTo("/crm/v3/objects/deals/77")).willReturn(okJson("{\"id\":\"77\",\"properties\":{}}")));

        crm.setOwner(HubSpotCrm.ObjectType.CONTACT, "501", "101");
        crm.setOwner(HubSpotCrm.ObjectType.DEAL, "77", "101");

        hubspot.verify(patchRequestedFor(urlEqualTo("/crm/v3/objects/contacts/501"))
                .withRequestBody(equalToJson("{\"properties\":{\"hubspot_owner_id\":\"101\"}}")));
        hubspot.verify(patchRequestedFor(urlEqualTo("/crm/v3/objects/deals/77"))
                .withRequestBody(equalToJson("{\"properties\":{\"hubspot_owner_id\":\"101\"}}")));
    }

    @Test
    void aNoticeIsATaskForTheOwnerAssociatedToTheDeal() {
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/tasks")).willReturn(okJson("{\"id\":\"880\",\"properties\":{}}")));

        String id = crm.createTask("555", "Deal sin Facultad Asociada [Diplomado]", "Asigne la facultad", "77",
                Instant.parse("2026-08-03T14:00:00Z"));

        assertThat(id).isEqualTo("880");
        hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/tasks")).withRequestBody(equalToJson("""
                {"properties":{"hs_timestamp":"2026-08-03T14:00:00Z","hs_task_subject":"Deal sin Facultad Asociada [Diplomado]",
                  "hs_task_body":"Asigne la facultad","hubspot_owner_id":"555","hs_task_status":"NOT_STARTED",
                  "hs_task_priority":"HIGH","hs_task_type":"TODO"},
                 "associations":[{"to":{"id":"77"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":216}]}]}""")));
    }

    @Test
    void validationErrorIsPermanentAndCarriesCategoryMessageAndCorrelationId() {
        hubspot.stubFor(patch(urlEqualTo("/crm/v3/objects/deals/77")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(error("VALIDATION_ERROR", "Property values were not valid: hubspot_owner_id 999 is not an owner of ana@example.com"))));

        HubSpotException e = catchThrowableOfType(HubSpotException.class, () -> crm.setOwner(HubSpotCrm.ObjectType.DEAL, "77", "999"));

        assertThat(e.retryable()).isFalse();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.category()).isEqualTo("VALIDATION_ERROR");
        assertThat(e.correlationId()).isEqualTo("0b7d-4c1e");
        assertThat(e.getMessage()).contains("VALIDATION_ERROR", "0b7d-4c1e", "a***@example.com").doesNotContain("ana@example.com", TOKEN);
        hubspot.verify(1, patchRequestedFor(urlEqualTo("/crm/v3/objects/deals/77")));
    }

    @Test
    void notFoundIsPermanent() {
        hubspot.stubFor(get(urlEqualTo("/crm/v3/objects/contacts/9?properties=email")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(error("OBJECT_NOT_FOUND", "resource not found"))));
        HubSpotException e = catchThrowableOfType(HubSpotException.class,
                () -> crm.read(HubSpotCrm.ObjectType.CONTACT, "9", List.of("email")));
        assertThat(e.category()).isEqualTo("OBJECT_NOT_FOUND");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void aRateLimitIsOneAttemptRetryableAfterTheIntervalHeaderAndNothingWaitsHere() {
        Logger logger = (Logger) LoggerFactory.getLogger(HubSpotHttp.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        hubspot.stubFor(get(urlEqualTo("/crm/v3/owners/?limit=100&archived=false")).inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
                        .withHeader("X-HubSpot-RateLimit-Max", "100").withHeader("X-HubSpot-RateLimit-Remaining", "0")
                        .withBody("{\"status\":\"error\",\"message\":\"You have reached your ten_secondly_rolling limit.\","
                                + "\"errorType\":\"RATE_LIMIT\",\"correlationId\":\"c-429\",\"policyName\":\"TEN_SECONDLY_ROLLING\"}"))
                .willSetStateTo("ok"));
        hubspot.stubFor(get(urlEqualTo("/crm/v3/owners/?limit=100&archived=false")).inScenario("rl").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"results\":[{\"id\":\"101\",\"email\":\"v@example.edu.co\"}]}")));

        HubSpotException e = catchThrowableOfType(HubSpotException.class, () -> crm.owners());

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.category()).isEqualTo("RATE_LIMIT");
        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(10_000));
        assertThat(e.uncertain()).as("a 429 is a refusal: HubSpot did nothing").isFalse();
        assertThat(e.correlationId()).isEqualTo("c-429");
        assertThat(e.getMessage()).contains("429", "RATE_LIMIT", "c-429").doesNotContain(TOKEN);
        hubspot.verify(1, getRequestedFor(urlPathEqualTo("/crm/v3/owners/")));
        logger.detachAppender(logs);
        assertThat(logs.list).noneMatch(l -> l.getFormattedMessage().contains("attempt"));
        // The retry is the caller's (the outbox, the next sync run): the next call goes through.
        assertThat(crm.owners()).hasSize(1);
        hubspot.verify(2, getRequestedFor(urlPathEqualTo("/crm/v3/owners/")));
    }

    @Test
    void aSpentDailyLimitAsksForAnHour() {
        hubspot.stubFor(get(urlEqualTo("/crm/v3/owners/?limit=100&archived=false")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "86400000")
                .withBody("{\"status\":\"error\",\"message\":\"daily limit\",\"errorType\":\"RATE_LIMIT\",\"policyName\":\"DAILY\"}")));
        HubSpotException e = catchThrowableOfType(HubSpotException.class, () -> crm.owners());
        assertThat(e.retryable()).isTrue();
        assertThat(e.category()).isEqualTo("RATE_LIMIT");
        assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1));
        hubspot.verify(1, getRequestedFor(urlPathEqualTo("/crm/v3/owners/")));
    }

    @Test
    void aRateLimitWithoutAReadableIntervalAsksForTenSeconds() {
        hubspot.stubFor(get(urlEqualTo("/crm/v3/owners/?limit=100&archived=false")).willReturn(aResponse().withStatus(429)
                .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "soon")));
        HubSpotException e = catchThrowableOfType(HubSpotException.class, () -> crm.owners());
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(e.category()).isEqualTo("RATE_LIMIT");
    }

    @Test
    void aServerErrorOnAnIdempotentWriteIsOneAttemptRetryableAndCertain() {
        hubspot.stubFor(patch(urlEqualTo("/crm/v3/objects/deals/77")).willReturn(aResponse().withStatus(502).withBody("<html>Bad gateway</html>")));

        HubSpotException e = catchThrowableOfType(HubSpotException.class, () -> crm.setOwner(HubSpotCrm.ObjectType.DEAL, "77", "101"));

        assertThat(e.retryable()).isTrue();
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.category()).isEqualTo("HTTP_502");
        assertThat(e.retryAfter()).as("no wait asked: the caller's policy backs off").isNull();
        assertThat(e.uncertain()).as("repeating a PATCH is safe").isFalse();
        hubspot.verify(1, patchRequestedFor(urlEqualTo("/crm/v3/objects/deals/77")));
    }

    @Test
    void noAnswerToAReadOrAnIdempotentWriteIsRetryableAndCertain() {
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/batch/update"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        hubspot.stubFor(get(urlEqualTo("/crm/v3/owners/?limit=100&archived=false")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        HubSpotException update = catchThrowableOfType(HubSpotException.class,
                () -> crm.setOwners(HubSpotCrm.ObjectType.DEAL, java.util.Map.of("77", "101")));
        HubSpotException read = catchThrowableOfType(HubSpotException.class, () -> crm.owners());

        for (HubSpotException e : List.of(update, read)) {
            assertThat(e.status()).isZero();
            assertThat(e.category()).isEqualTo("NETWORK");
            assertThat(e.retryable()).isTrue();
            assertThat(e.uncertain()).isFalse();
            assertThat(e.retryAfter()).isNull();
        }
        hubspot.verify(1, postRequestedFor(urlEqualTo("/crm/v3/objects/deals/batch/update")));
        hubspot.verify(1, getRequestedFor(urlPathEqualTo("/crm/v3/owners/")));
    }

    @Test
    void noAnswerToATaskCreateIsUncertain() {
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/tasks")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        HubSpotException e = catchThrowableOfType(HubSpotException.class,
                () -> crm.createTask("555", "s", "b", "77", Instant.EPOCH));
        assertThat(e.status()).isZero();
        assertThat(e.retryable()).isTrue();
        assertThat(e.uncertain()).as("HubSpot may have created it: the outbox looks it up before creating again").isTrue();
        hubspot.verify(1, postRequestedFor(urlEqualTo("/crm/v3/objects/tasks")));
    }

    @Test
    void anInvalidTokenIsPermanent() {
        hubspot.stubFor(get(urlEqualTo("/crm/v3/owners/?limit=100&archived=false")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(error("INVALID_AUTHENTICATION", "Authentication credentials not found."))));
        HubSpotException e = catchThrowableOfType(HubSpotException.class, () -> crm.owners());
        assertThat(e.retryable()).isFalse();
        assertThat(e.uncertain()).isFalse();
        assertThat(e.category()).isEqualTo("INVALID_AUTHENTICATION");
        hubspot.verify(1, getRequestedFor(urlPathEqualTo("/crm/v3/owners/")));
    }

    @Test
    void aTaskIsCreatedOnceEvenOnAServerError() {
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/tasks")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody(error("INTERNAL_ERROR", "internal"))));
        HubSpotException e = catchThrowableOfType(HubSpotException.class,
                () -> crm.createTask("555", "s", "b", "77", Instant.EPOCH));
        assertThat(e.retryable()).isTrue();
        assertThat(e.uncertain()).as("a 5xx may come after HubSpot created the task").isTrue();
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.category()).isEqualTo("INTERNAL_ERROR");
        hubspot.verify(1, postRequestedFor(urlEqualTo("/crm/v3/objects/tasks")));
    }

    @Test
    void batchReadTakesAHundredIdsPerCall() {
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/batch/read")).willReturn(okJson("""
                {"status":"COMPLETE","results":[{"id":"1","properties":{"email":"a@example.com"}}]}""")));
        List<String> ids = java.util.stream.IntStream.rangeClosed(1, 150).mapToObj(String::valueOf).toList();

        List<CrmObject> read = crm.readAll(HubSpotCrm.ObjectType.CONTACT, ids, List.of("email"));

        assertThat(read).hasSize(2); // one result per call in this replay
        hubspot.verify(2, postRequestedFor(urlEqualTo("/crm/v3/objects/contacts/batch/read")));
        hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/contacts/batch/read"))
                .withRequestBody(matchingJsonPath("$.inputs.length()", equalTo("100")))
                .withRequestBody(matchingJsonPath("$.properties[0]", equalTo("email"))));
        hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/contacts/batch/read"))
                .withRequestBody(matchingJsonPath("$.inputs.length()", equalTo("50"))));
    }

    @Test
    void batchAssociationsCompleteADealWithMorePagesFromTheSingleEndpoint() {
        hubspot.stubFor(post(urlEqualTo("/crm/v4/associations/deals/contacts/batch/read")).willReturn(okJson("""
                {"status":"COMPLETE","results":[
                 {"from":{"id":"77"},"to":[{"toObjectId":501,"associationTypes":[]}]},
                 {"from":{"id":"78"},"to":[{"toObjectId":601,"associationTypes":[]}],"paging":{"next":{"after":"NjAx"}}}]}""")));
        hubspot.stubFor(get(urlEqualTo("/crm/v4/objects/deals/78/associations/contacts?limit=500")).willReturn(okJson("""
                {"results":[{"toObjectId":601},{"toObjectId":602}]}""")));

        var contacts = crm.dealContactIds(List.of("77", "78", "79"));

        assertThat(contacts).containsEntry("77", List.of("501")).containsEntry("78", List.of("601", "602")).containsEntry("79", List.of());
        hubspot.verify(postRequestedFor(urlEqualTo("/crm/v4/associations/deals/contacts/batch/read"))
                .withRequestBody(equalToJson("{\"inputs\":[{\"id\":\"77\"},{\"id\":\"78\"},{\"id\":\"79\"}]}")));
    }

    /**
     * Without the v4 batch read (WireMock's 404 for an unknown path), a contact's deals come from {@code GET
     * /crm/v3/objects/contacts/{id}?associations=deals}, whose associations hold 100 a page: {@code paging.next}'s
     * {@code link} (here as HubSpot writes it, object type ids and portal) is followed until a page has none.
     */
    @Test
    void contactDealsReadOneByOneFollowTheAssociationsPagingToTheLastPage() {
        hubspot.stubFor(get(urlEqualTo("/crm/v3/objects/contacts/506?associations=deals")).willReturn(okJson("""
                {"id":"506","properties":{"email":"elena@example.com"},"associations":{"deals":{"results":[
                  {"id":"1004","type":"contact_to_deal"},{"id":"1004","type":"contact_to_deal_unlabeled"}],
                  "paging":{"next":{"after":"MC0zLTEwMDQ%3D",
                   "link":"https://api.hubapi.com/crm/v3/objects/0-1/506/associations/0-3?portalId=62515&after=MC0zLTEwMDQ%3D"}}}},
                 "createdAt":"2026-11-20T10:00:00Z","updatedAt":"2026-12-03T13:55:01Z","archived":false}""")));
        hubspot.stubFor(get(urlEqualTo("/crm/v3/objects/0-1/506/associations/0-3?portalId=62515&after=MC0zLTEwMDQ%3D")).willReturn(okJson("""
                {"results":[{"id":"1005","type":"contact_to_deal"},{"id":"1006","type":"contact_to_deal"}],
                 "paging":{"next":{"after":"MC0zLTEwMDY%3D",
                  "link":"https://api.hubapi.com/crm/v3/objects/0-1/506/associations/0-3?portalId=62515&after=MC0zLTEwMDY%3D"}}}""")));
        hubspot.stubFor(get(urlEqualTo("/crm/v3/objects/0-1/506/associations/0-3?portalId=62515&after=MC0zLTEwMDY%3D")).willReturn(okJson("""
                {"results":[{"id":"1007","type":"contact_to_deal"}]}""")));
        hubspot.stubFor(get(urlEqualTo("/crm/v3/objects/contacts/508?associations=deals")).willReturn(okJson("""
                {"id":"508","properties":{},"associations":{"deals":{"results":[{"id":"2001","type":"contact_to_deal"}],
                  "paging":{"next":{"after":"MC0zLTIwMDE="}}}}}""")));
        hubspot.stubFor(get(urlEqualTo("/crm/v3/objects/contacts/508/associations/deals?after=MC0zLTIwMDE%3D")).willReturn(okJson("""
                {"results":[{"id":"2002","type":"contact_to_deal"}],"paging":{"next":{"after":"MC0zLTIwMDM%2B%3D"}}}""")));
        // a cursor HubSpot already encoded, without a link: sent as given
        hubspot.stubFor(get(urlEqualTo("/crm/v3/objects/contacts/508/associations/deals?after=MC0zLTIwMDM%2B%3D")).willReturn(okJson("""
                {"results":[{"id":"2003","type":"contact_to_deal"}]}""")));

        var deals = crm.contactDealIds(List.of("506", "508", "509"));

        assertThat(deals).containsEntry("506", List.of("1004", "1005", "1006", "1007"))
                .containsEntry("508", List.of("2001", "2002", "2003")).containsEntry("509", List.of());
        hubspot.verify(1, postRequestedFor(urlEqualTo("/crm/v4/associations/contacts/deals/batch/read")));
        hubspot.verify(1, getRequestedFor(urlEqualTo("/crm/v3/objects/0-1/506/associations/0-3?portalId=62515&after=MC0zLTEwMDY%3D")));
    }

    @Test
    void batchOwnerUpdateSurfacesItemErrorsOfAMultiStatus() {
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/batch/update")).willReturn(aResponse().withStatus(207)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"status":"COMPLETE","results":[{"id":"77","properties":{}}],"numErrors":1,
                         "errors":[{"status":"error","category":"VALIDATION_ERROR","message":"999 is not a valid owner id"}]}""")));

        HubSpotException e = catchThrowableOfType(HubSpotException.class,
                () -> crm.setOwners(HubSpotCrm.ObjectType.DEAL, new java.util.LinkedHashMap<>(java.util.Map.of("77", "101", "78", "999"))));

        assertThat(e.category()).isEqualTo("VALIDATION_ERROR");
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("1 item(s) failed", "999 is not a valid owner id");
        hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/deals/batch/update")).withRequestBody(matchingJsonPath("$.inputs.length()", equalTo("2"))));
    }

    @Test
    void theTokenIsNeverInToString() {
        assertThat(HubSpotConfig.of(TOKEN).toString()).doesNotContain(TOKEN);
    }
}
