package io.regla.adapters.hubspot.advising;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.regla.adapters.hubspot.HubSpotConfig;
import io.regla.cli.ReglaCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
 * Issue 13 end to end through {@code regla advising sync}, as the university runs it, against a HubSpot portal in
 * WireMock (HubSpot's documented shapes): the version in force (1.1.0 from 2026-12-01) routes each deal by its
 * associated contacts' faculty read from HubSpot's associations, contacts in two faculties change no owner, and the
 * deal without a faculty anywhere makes an internal e-mail to its owner (single-send, subject
 * {@code Deal sin Facultad Asociada [<deal name>]}) by default, a task with {@code --notice task}, both with
 * {@code --notice both}.
 */
class AdvisingSyncCommandTest {

    @RegisterExtension
    static WireMockExtension hubspot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String SEND = "/marketing/v3/transactional/single-email/send";
    private static final String TASKS = "/crm/v3/objects/tasks";
    private static final String DEAL_UPDATE = "/crm/v3/objects/deals/batch/update";
    private static final String CONTACT_UPDATE = "/crm/v3/objects/contacts/batch/update";
    private static final String NOTICE_SUBJECT = "Deal sin Facultad Asociada [Curso de Gerencia]";
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static String deal(String id, String name, String faculty, String owner) {
        return """
                {"id":"%s","properties":{"dealname":"%s","facultad":%s,"hubspot_owner_id":"%s","createdate":"2026-12-03T01:00:00Z"},
                 "createdAt":"2026-12-03T01:00:00Z","updatedAt":"2026-12-03T01:00:00Z","archived":false}"""
                .formatted(id, name, faculty == null ? "null" : "\"" + faculty + "\"", owner);
    }

    private static String contact(String id, String email, String faculty, String owner) {
        return """
                {"id":"%s","properties":{"email":"%s","firstname":"N%1$s","lastname":"L","facultad":%s,"hubspot_owner_id":%s}}"""
                .formatted(id, email, faculty == null ? "null" : "\"" + faculty + "\"", owner == null ? "null" : "\"" + owner + "\"");
    }

    private static String associated(String dealId, int... contactIds) {
        StringBuilder to = new StringBuilder();
        for (int c : contactIds) {
            if (!to.isEmpty()) to.append(',');
            to.append("{\"toObjectId\":").append(c).append(",\"associationTypes\":[{\"category\":\"HUBSPOT_DEFINED\",\"typeId\":3}]}");
        }
        return "{\"from\":{\"id\":\"" + dealId + "\"},\"to\":[" + to + "]}";
    }

    /**
     * 1001: the deal says Economía, its contact Jurisprudencia. 1002: no faculty on the deal nor on its contact, owner
     * 555. 1003: one contact in Jurisprudencia, the other in Economía.
     */
    @BeforeEach
    void portal() {
        AdvisingCommand.Sync.hubspotConfig = () -> HubSpotConfig.of("pat-test").withBaseUri(URI.create(hubspot.baseUrl()));
        AdvisingCommand.Sync.clock = Clock.fixed(Instant.parse("2026-12-03T14:00:00Z"), ZoneOffset.UTC);
        hubspot.stubFor(get(urlEqualTo("/automation/v4/flows?limit=100")).willReturn(okJson("{\"results\":[]}")));
        hubspot.stubFor(get(urlEqualTo("/crm/v3/owners/?limit=100&archived=false")).willReturn(okJson("""
                {"results":[
                 {"id":"101","email":"valentina.rubiano@example.edu.co","firstName":"Valentina","lastName":"Rubiano","archived":false},
                 {"id":"103","email":"laura.mejia@example.edu.co","firstName":"Laura","lastName":"Mejía","archived":false},
                 {"id":"555","email":"coordinacion.educon@example.edu.co","firstName":"Coordinación","lastName":"EDUCON","archived":false},
                 {"id":"900","email":"duvan.albarracin@example.edu.co","firstName":"Duván","lastName":"Albarracín","archived":false}]}""")));
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/search")).willReturn(okJson("{\"total\":3,\"results\":["
                + deal("1001", "Diplomado en Derecho Digital", "ECONOMÍA", "900") + ","
                + deal("1002", "Curso de Gerencia", null, "555") + ","
                + deal("1003", "Curso Mixto", "ECONOMÍA", "900") + "]}")));
        hubspot.stubFor(post(urlEqualTo("/crm/v4/associations/deals/contacts/batch/read")).willReturn(okJson("{\"status\":\"COMPLETE\",\"results\":["
                + associated("1001", 501) + "," + associated("1002", 502) + "," + associated("1003", 503, 504) + "]}")));
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/batch/read")).willReturn(okJson("{\"status\":\"COMPLETE\",\"results\":["
                + contact("501", "ana.perez@example.com", "jurisprudencia ", "900") + ","
                + contact("502", "beto@example.com", null, "555") + ","
                + contact("503", "carla@example.com", "JURISPRUDENCIA", null) + ","
                + contact("504", "dario@example.com", "Economía", null) + "]}")));
        hubspot.stubFor(post(urlEqualTo(DEAL_UPDATE)).willReturn(okJson("{\"status\":\"COMPLETE\",\"results\":[]}")));
        hubspot.stubFor(post(urlEqualTo(CONTACT_UPDATE)).willReturn(okJson("{\"status\":\"COMPLETE\",\"results\":[]}")));
        hubspot.stubFor(post(urlEqualTo(SEND)).willReturn(okJson("{\"status\":\"PENDING\",\"statusId\":\"st-1\"}")));
        hubspot.stubFor(post(urlEqualTo(TASKS)).willReturn(okJson("{\"id\":\"7001\",\"properties\":{}}")));
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/search")).willReturn(okJson("{\"total\":0,\"results\":[]}")));
    }

    @AfterEach
    void reset() {
        AdvisingCommand.Sync.hubspotConfig = HubSpotConfig::fromEnvironment;
        AdvisingCommand.Sync.clock = Clock.systemUTC();
    }

    private int sync(Path dir, String... extra) {
        return SyncCommandRun.sync(out, err, dir, extra);
    }

    @Test
    void theContactsFacultyRoutesConflictsChangeNoOwnerAndTheNoticeIsAnEmailToTheDealOwner(@TempDir Path dir) {
        int code = sync(dir);

        assertThat(code).as(err.toString()).isEqualTo(ReglaCli.OK);
        // The contact's Jurisprudencia, not the deal's Economía: Valentina Rubiano (101) for deal and contact; 1003 untouched.
        hubspot.verify(1, postRequestedFor(urlEqualTo(DEAL_UPDATE)));
        hubspot.verify(postRequestedFor(urlEqualTo(DEAL_UPDATE)).withRequestBody(equalToJson(
                "{\"inputs\":[{\"id\":\"1001\",\"properties\":{\"hubspot_owner_id\":\"101\"}}]}")));
        hubspot.verify(1, postRequestedFor(urlEqualTo(CONTACT_UPDATE)));
        hubspot.verify(postRequestedFor(urlEqualTo(CONTACT_UPDATE)).withRequestBody(equalToJson(
                "{\"inputs\":[{\"id\":\"501\",\"properties\":{\"hubspot_owner_id\":\"101\"}}]}")));
        assertThat(out.toString()).contains("FACULTADES_EN_CONFLICTO deal 1003", "notices (email) queued 1 sent 1");
        // The seed's internal e-mail to the deal's owner, by HubSpot single-send with the internal template; no task.
        hubspot.verify(postRequestedFor(urlEqualTo(SEND)).withRequestBody(equalToJson("""
                {"emailId":77,"message":{"to":"coordinacion.educon@example.edu.co"},"customProperties":{"subject":"%s","dealId":"1002"}}"""
                .formatted(NOTICE_SUBJECT), true, true))
                .withRequestBody(matchingJsonPath("$.customProperties.body", containing("Asigne la propiedad Facultad"))));
        hubspot.verify(0, postRequestedFor(urlEqualTo(TASKS)));
        // Its sendId (the outbox key, which is logged) holds no deal name: deal names are often people's.
        hubspot.verify(0, postRequestedFor(urlEqualTo(SEND)).withRequestBody(matchingJsonPath("$.message.sendId", containing("Gerencia"))));
        // The enrolment e-mail names the advisor of the contact's faculty.
        hubspot.verify(postRequestedFor(urlEqualTo(SEND)).withRequestBody(matchingJsonPath("$.emailId", equalTo("4242")))
                .withRequestBody(matchingJsonPath("$.customProperties.advisorName", equalTo("Valentina Rubiano"))));
        hubspot.verify(2, postRequestedFor(urlEqualTo(SEND)));
        hubspot.verify(0, postRequestedFor(urlEqualTo(SEND)).withRequestBody(containing("carla@example.com")));
    }

    @Test
    void beforeTheFirstOfDecemberTheDealsOwnFacultyStillRoutes(@TempDir Path dir) {
        AdvisingCommand.Sync.clock = Clock.fixed(Instant.parse("2026-11-30T14:00:00Z"), ZoneOffset.UTC);

        assertThat(sync(dir)).as(err.toString()).isEqualTo(ReglaCli.OK);

        // 1.0.0: Economía is Laura Mejía (103), for 1001 and for 1003 alike.
        hubspot.verify(postRequestedFor(urlEqualTo(DEAL_UPDATE)).withRequestBody(equalToJson("""
                {"inputs":[{"id":"1001","properties":{"hubspot_owner_id":"103"}},{"id":"1003","properties":{"hubspot_owner_id":"103"}}]}""")));
        assertThat(out.toString()).doesNotContain("FACULTADES_EN_CONFLICTO");
    }

    @Test
    void noticeTaskCreatesATaskAndNoEmailAndBothDoesBoth(@TempDir Path dir) {
        assertThat(sync(dir.resolve("task"), "--notice", "task")).as(err.toString()).isEqualTo(ReglaCli.OK);

        hubspot.verify(1, postRequestedFor(urlEqualTo(TASKS)));
        hubspot.verify(postRequestedFor(urlEqualTo(TASKS))
                .withRequestBody(matchingJsonPath("$.properties.hs_task_subject", equalTo(NOTICE_SUBJECT)))
                .withRequestBody(matchingJsonPath("$.properties.hubspot_owner_id", equalTo("555"))));
        hubspot.verify(0, postRequestedFor(urlEqualTo(SEND)).withRequestBody(matchingJsonPath("$.emailId", equalTo("77"))));

        hubspot.resetRequests();
        assertThat(sync(dir.resolve("both"), "--notice", "both")).as(err.toString()).isEqualTo(ReglaCli.OK);

        hubspot.verify(1, postRequestedFor(urlEqualTo(TASKS)));
        hubspot.verify(1, postRequestedFor(urlEqualTo(SEND)).withRequestBody(matchingJsonPath("$.customProperties.subject",
                equalTo(NOTICE_SUBJECT))));
    }
}
