package io.regla.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.regla.adapters.mailchimp.webhook.MandrillWebhook;
import io.regla.rules.nursery.admissions.NurseryService;
import io.regla.adapters.mailchimp.metrics.DeliveryEventLog;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.rules.nursery.Campus;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.EnrollmentStatus;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real HTTP calls against the server on an ephemeral loopback port, over an H2 store and the bundled rule sets. */
class BackOfficeServerTest {

    static final ZoneId ZONE = ZoneId.of("America/Santiago");
    static final String WEBHOOK_URL = "https://backoffice.example/webhooks/mandrill";
    static final MandrillWebhook MANDRILL = new MandrillWebhook("whk-test-key", WEBHOOK_URL);
    // Wednesday 2023-03-01, 08:00 in Santiago
    static final Clock CLOCK = Clock.fixed(ZonedDateTime.of(2023, 3, 1, 8, 0, 0, 0, ZONE).toInstant(), ZONE);

    static RulesEngine engine;
    static JdbcStore store;
    static BackOfficeServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        engine = Regla.builder().bundledRules().clock(CLOCK).build();
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        store = JdbcStore.open(ds, CLOCK);
        NurseryService service = new NurseryService(engine, store, CLOCK);
        service.records().putCampus(new Campus("C1", "Vitamina Providencia", 2));
        for (String id : new String[]{"E1", "E2", "E3", "E4"}) {
            service.records().putEnrollment(new Enrollment(id, "child " + id, "C1", "guardian " + id, id.toLowerCase() + "@example.com",
                    LocalDate.of(2023, 2, 27), LocalDate.of(2023, 3, 6), EnrollmentStatus.ENROLLED));
        }
        server = BackOfficeServer.builder(service)
                .mandrill(MANDRILL, new DeliveryEventLog(store.facts(), ZONE))
                .extension(new RouteExtension() {
                    @Override
                    public String path() {
                        return "/webhooks/hubspot";
                    }

                    @Override
                    public HttpResponse handle(HttpRequest request) {
                        if (!"sig-ok".equals(request.header("x-hubspot-signature-v3"))) {
                            return HttpResponse.error(401, "bad signature");
                        }
                        return HttpResponse.ok(Map.of("bytes", request.body().length()));
                    }
                })
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
        engine.close();
    }

    record Answer(int status, JsonNode json) {
    }

    static Answer call(String method, String path, String body, String... headers) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(URI.create(server.uri() + path))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        var response = http.send(request.build(), BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : BackOfficeServer.JSON.readTree(response.body()));
    }

    @Test
    void lists_a_campus_and_says_404_for_an_unknown_one() throws Exception {
        Answer list = call("GET", "/campuses/C1/enrollments", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("enrollments")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(call("GET", "/campuses/C9/enrollments", null).status()).isEqualTo(404);
    }

    @Test
    void schedules_records_and_schedules_the_adaptation_with_a_traceable_journey() throws Exception {
        Answer interview = call("POST", "/enrollments/E1/interview", "{\"at\": \"2023-03-01T07:00:00-03:00\", \"by\": \"dir-ana\"}");
        assertThat(interview.status()).isEqualTo(422);   // 07:00 is before the clock's 08:00
        assertThat(interview.json().get("code").asText()).isEqualTo("PAST_DATE");

        interview = call("POST", "/enrollments/E1/interview", "{\"at\": \"2023-03-01T10:00:00-03:00\", \"by\": \"dir-ana\"}");
        assertThat(interview.status()).isEqualTo(200);
        assertThat(interview.json().at("/enrollment/status").asText()).isEqualTo("INTERVIEW_SCHEDULED");
        assertThat(call("POST", "/enrollments/E1/interview/result", "{\"attended\": true, \"by\": \"dir-ana\"}").status())
                .isEqualTo(200);
        Answer adaptation = call("POST", "/enrollments/E1/adaptation", "{\"startsOn\": \"2023-03-06\", \"by\": \"dir-ana\"}");
        assertThat(adaptation.status()).isEqualTo(200);
        assertThat(adaptation.json().get("emailsEnqueued").get(0).asText()).isEqualTo("RECORDATORIO_ADAPTACION:E1:2023-03-06");

        Answer one = call("GET", "/enrollments/E1", null);
        assertThat(one.json().at("/enrollment/status").asText()).isEqualTo("ADAPTATION_SCHEDULED");
        assertThat(one.json().at("/adaptation/endsOn").asText()).isEqualTo("2023-03-10");
        assertThat(one.json().get("journey")).hasSize(3);
        assertThat(one.json().at("/journey/2/by").asText()).isEqualTo("dir-ana");
        assertThat(one.json().at("/journey/2/reason").asText()).contains("2023-03-06");
    }

    @Test
    void a_rule_rejection_is_422_with_code_and_message() throws Exception {
        Answer sunday = call("POST", "/enrollments/E2/interview", "{\"at\": \"2023-03-05T10:00:00-03:00\", \"by\": \"dir-ana\"}");
        assertThat(sunday.status()).isEqualTo(422);
        assertThat(sunday.json().get("code").asText()).isEqualTo("NON_WORKING_DAY");
        assertThat(sunday.json().get("message").asText()).contains("2023-03-05");
        Answer notInterviewed = call("POST", "/enrollments/E2/adaptation", "{\"startsOn\": \"2023-03-06\", \"by\": \"dir-ana\"}");
        assertThat(notInterviewed.status()).isEqualTo(422);
        assertThat(notInterviewed.json().get("code").asText()).isEqualTo("INVALID_STATE");
    }

    @Test
    void bad_input_is_400_naming_the_field_and_unknown_enrolment_404() throws Exception {
        Answer notJson = call("POST", "/enrollments/E3/interview", "{\"at\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("error").asText()).contains("not valid JSON");
        Answer noBy = call("POST", "/enrollments/E3/interview", "{\"at\": \"2023-03-02T10:00:00-03:00\"}");
        assertThat(noBy.status()).isEqualTo(400);
        assertThat(noBy.json().get("field").asText()).isEqualTo("by");
        Answer badDate = call("POST", "/enrollments/E3/adaptation", "{\"startsOn\": \"06/03/2023\", \"by\": \"x\"}");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().get("field").asText()).isEqualTo("startsOn");
        Answer badBool = call("POST", "/enrollments/E3/interview/result", "{\"attended\": \"yes\", \"by\": \"x\"}");
        assertThat(badBool.json().get("field").asText()).isEqualTo("attended");
        assertThat(call("POST", "/enrollments/E99/cancel", "{\"by\": \"x\"}").status()).isEqualTo(404);
        assertThat(call("GET", "/enrollments/E99", null).status()).isEqualTo(404);
        assertThat(call("GET", "/enrollments/E3/cancel", null).status()).isEqualTo(405);
        assertThat(call("GET", "/enrollments/E3", null).json().at("/enrollment/status").asText()).isEqualTo("ENROLLED");
    }

    @Test
    void cancel_then_cancel_again_is_rejected() throws Exception {
        assertThat(call("POST", "/enrollments/E4/cancel", "{\"reason\": \"moved away\", \"by\": \"dir-ana\"}").status()).isEqualTo(200);
        Answer again = call("POST", "/enrollments/E4/cancel", "{\"by\": \"dir-ana\"}");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().get("code").asText()).isEqualTo("INVALID_STATE");
    }

    static String events(String... events) {
        return "[" + String.join(",", events) + "]";
    }

    static String event(String kind, long ts, String id, String template) {
        return "{\"event\":\"" + kind + "\",\"ts\":" + ts + ",\"msg\":{\"_id\":\"" + id + "\",\"email\":\"g@example.com\","
                + "\"metadata\":{\"regla_template\":\"" + template + "\",\"regla_key\":\"" + template + ":" + id + "\"}}}";
    }

    static Answer postWebhook(String eventsJson, String signature) throws Exception {
        String body = "mandrill_events=" + URLEncoder.encode(eventsJson, StandardCharsets.UTF_8);
        return call("POST", "/webhooks/mandrill", body, "Content-Type", "application/x-www-form-urlencoded",
                MandrillWebhook.SIGNATURE_HEADER, signature);
    }

    @Test
    void mandrill_events_are_verified_recorded_once_and_give_metrics_per_template_and_week() throws Exception {
        long monday = ZonedDateTime.of(2023, 3, 6, 9, 0, 0, 0, ZONE).toEpochSecond();
        String batch = events(
                event("send", monday, "m1", "BIENVENIDA"), event("send", monday, "m2", "BIENVENIDA"),
                event("send", monday, "m3", "BIENVENIDA"), event("send", monday, "m4", "BIENVENIDA"),
                event("hard_bounce", monday + 60, "m4", "BIENVENIDA"),
                event("open", monday + 600, "m1", "BIENVENIDA"), event("open", monday + 900, "m1", "BIENVENIDA"),
                event("open", monday + 700, "m2", "BIENVENIDA"), event("click", monday + 800, "m2", "BIENVENIDA"));
        assertThat(postWebhook(batch, "forged").status()).isEqualTo(401);
        String signature = MANDRILL.sign(Map.of("mandrill_events", batch));
        Answer first = postWebhook(batch, signature);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("recorded").asInt()).isEqualTo(9);
        assertThat(postWebhook(batch, signature).json().get("recorded").asInt()).isZero();   // Mandrill's retry

        Answer metrics = call("GET", "/metrics/mailing?template=BIENVENIDA&week=2023-W10", null);
        assertThat(metrics.status()).isEqualTo(200);
        JsonNode row = metrics.json().get(0);
        assertThat(row.get("sent").asLong()).isEqualTo(4);
        assertThat(row.get("bounces").asLong()).isEqualTo(1);
        assertThat(row.get("delivered").asLong()).isEqualTo(3);
        assertThat(row.get("unique_opens").asLong()).isEqualTo(2);
        assertThat(row.get("open_rate").asDouble()).isEqualTo(2.0 / 3);
        assertThat(row.get("click_rate").asDouble()).isEqualTo(1.0 / 3);
        assertThat(call("GET", "/metrics/mailing?week=W10", null).json().get("field").asText()).isEqualTo("week");

        String broken = "[{\"event\":\"open\"}]";
        Answer malformed = postWebhook(broken, MANDRILL.sign(Map.of("mandrill_events", broken)));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").asText()).contains("ts");
        assertThat(call("HEAD", "/webhooks/mandrill", null).status()).isEqualTo(200);
    }

    @Test
    void a_plugged_route_gets_raw_calls_and_cannot_shadow_built_in_ones() throws Exception {
        Answer ok = call("POST", "/webhooks/hubspot", "[{\"objectId\":1}]", "X-HubSpot-Signature-v3", "sig-ok");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("bytes").asInt()).isEqualTo(16);
        assertThat(call("POST", "/webhooks/hubspot", "[]").status()).isEqualTo(401);
        RouteExtension clash = new RouteExtension() {
            @Override
            public String path() {
                return "/enrollments";
            }

            @Override
            public HttpResponse handle(HttpRequest request) {
                return HttpResponse.ok(null);
            }
        };
        assertThatThrownBy(() -> BackOfficeServer.builder(new NurseryService(engine, store, CLOCK)).extension(clash))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clashes");
    }
}
