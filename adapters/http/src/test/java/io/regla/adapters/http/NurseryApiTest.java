package io.regla.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.regla.adapters.store.jdbc.JdbcStore;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;

import static io.regla.adapters.http.TestApp.MANDRILL;
import static io.regla.adapters.http.TestApp.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

/** The JSON API (ported from the JDK-server version): real HTTP calls over an H2 store and the bundled rule sets. */
class NurseryApiTest {

    static JdbcStore store;
    static TestApp app;
    static TestApp.Caller director;
    static TestApp.Caller admin;

    @BeforeAll
    static void start() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        store = JdbcStore.open(ds, TestApp.CLOCK);
        app = new TestApp(store, Duration.ofSeconds(30));
        director = app.signedIn("dir1");
        admin = app.bearer(app.adminToken);
    }

    @AfterAll
    static void stop() {
        app.close();
        store.close();
    }

    @Test
    void lists_a_campus_and_says_404_to_an_admin_for_an_unknown_one() throws Exception {
        TestApp.Answer list = director.call("GET", "/campuses/C1/enrollments", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("enrollments")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(admin.call("GET", "/campuses/C9/enrollments", null).status()).isEqualTo(404);
        assertThat(admin.call("GET", "/campuses", null).json().get("campuses")).hasSize(2);
        assertThat(director.call("GET", "/campuses", null).json().get("campuses")).hasSize(1);
    }

    @Test
    void schedules_records_and_schedules_the_adaptation_with_the_signed_in_user_as_by() throws Exception {
        TestApp.Answer interview = director.send("POST", "/enrollments/E1/interview", "{\"at\": \"2023-03-01T07:00:00-03:00\"}");
        assertThat(interview.status()).isEqualTo(422);   // 07:00 is before the clock's 08:00
        assertThat(interview.code()).isEqualTo("PAST_DATE");
        assertThat(interview.json().at("/error/status").asInt()).isEqualTo(422);
        assertThat(interview.json().at("/error/rejections/0/code").asText()).isEqualTo("PAST_DATE");

        // a "by" in the body is not who did it: the session's user is
        interview = director.send("POST", "/enrollments/E1/interview", "{\"at\": \"2023-03-01T10:00:00-03:00\", \"by\": \"someone-else\"}");
        assertThat(interview.status()).isEqualTo(200);
        assertThat(interview.json().at("/enrollment/status").asText()).isEqualTo("INTERVIEW_SCHEDULED");
        assertThat(director.send("POST", "/enrollments/E1/interview/result", "{\"attended\": true}").status()).isEqualTo(200);
        TestApp.Answer adaptation = director.send("POST", "/enrollments/E1/adaptation", "{\"startsOn\": \"2023-03-06\"}");
        assertThat(adaptation.status()).isEqualTo(200);
        assertThat(adaptation.json().get("emailsEnqueued").get(0).asText()).isEqualTo("RECORDATORIO_ADAPTACION:E1:2023-03-06");

        TestApp.Answer one = director.call("GET", "/enrollments/E1", null);
        assertThat(one.json().at("/enrollment/status").asText()).isEqualTo("ADAPTATION_SCHEDULED");
        assertThat(one.json().at("/adaptation/endsOn").asText()).isEqualTo("2023-03-10");
        assertThat(one.json().get("journey")).hasSize(3);
        assertThat(one.json().get("journey")).allSatisfy(step -> assertThat(step.get("by").asText()).isEqualTo("dir1"));
        assertThat(one.json().at("/journey/2/reason").asText()).contains("2023-03-06");
    }

    @Test
    void a_rule_rejection_is_422_with_the_rule_code() throws Exception {
        TestApp.Answer sunday = admin.call("POST", "/enrollments/E2/interview", "{\"at\": \"2023-03-05T10:00:00-03:00\"}");
        assertThat(sunday.status()).isEqualTo(422);
        assertThat(sunday.code()).isEqualTo("NON_WORKING_DAY");
        assertThat(sunday.json().at("/error/message").asText()).contains("2023-03-05");
        TestApp.Answer notInterviewed = admin.call("POST", "/enrollments/E2/adaptation", "{\"startsOn\": \"2023-03-06\"}");
        assertThat(notInterviewed.code()).isEqualTo("INVALID_STATE");
    }

    @Test
    void bad_input_is_400_naming_the_field_and_an_unknown_enrolment_404_for_an_admin() throws Exception {
        TestApp.Answer notJson = admin.call("POST", "/enrollments/E3/interview", "{\"at\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().at("/error/message").asText()).contains("not valid JSON");
        TestApp.Answer badDate = admin.call("POST", "/enrollments/E3/adaptation", "{\"startsOn\": \"06/03/2023\"}");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().at("/error/field").asText()).isEqualTo("startsOn");
        assertThat(admin.call("POST", "/enrollments/E3/interview/result", "{\"attended\": \"yes\"}").json()
                .at("/error/field").asText()).isEqualTo("attended");
        assertThat(admin.call("POST", "/enrollments/E99/cancel", "{}").status()).isEqualTo(404);
        assertThat(admin.call("GET", "/enrollments/E99", null).status()).isEqualTo(404);
        assertThat(admin.call("GET", "/enrollments/E3", null).json().at("/enrollment/status").asText()).isEqualTo("ENROLLED");
    }

    @Test
    void cancel_then_cancel_again_is_rejected() throws Exception {
        assertThat(admin.call("POST", "/enrollments/E4/cancel", "{\"reason\": \"moved away\"}").status()).isEqualTo(200);
        assertThat(admin.call("POST", "/enrollments/E4/cancel", "{}").code()).isEqualTo("INVALID_STATE");
    }

    static String event(String kind, long ts, String id, String template) {
        return "{\"event\":\"" + kind + "\",\"ts\":" + ts + ",\"msg\":{\"_id\":\"" + id + "\",\"email\":\"g@example.com\","
                + "\"metadata\":{\"regla_template\":\"" + template + "\",\"regla_key\":\"" + template + ":" + id + "\"}}}";
    }

    static TestApp.Answer postWebhook(String eventsJson, String signature) throws Exception {
        String body = "mandrill_events=" + URLEncoder.encode(eventsJson, StandardCharsets.UTF_8);
        return app.anonymous().call("POST", "/webhooks/mandrill", body, "Content-Type", "application/x-www-form-urlencoded",
                io.regla.adapters.mailchimp.webhook.MandrillWebhook.SIGNATURE_HEADER, signature);
    }

    @Test
    void mandrill_events_are_verified_recorded_once_and_give_metrics_per_template_and_week() throws Exception {
        long monday = ZonedDateTime.of(2023, 3, 6, 9, 0, 0, 0, ZONE).toEpochSecond();
        String batch = "[" + String.join(",",
                event("send", monday, "m1", "BIENVENIDA"), event("send", monday, "m2", "BIENVENIDA"),
                event("send", monday, "m3", "BIENVENIDA"), event("send", monday, "m4", "BIENVENIDA"),
                event("hard_bounce", monday + 60, "m4", "BIENVENIDA"),
                event("open", monday + 600, "m1", "BIENVENIDA"), event("open", monday + 900, "m1", "BIENVENIDA"),
                event("open", monday + 700, "m2", "BIENVENIDA"), event("click", monday + 800, "m2", "BIENVENIDA")) + "]";
        assertThat(postWebhook(batch, "forged").status()).isEqualTo(401);
        String signature = MANDRILL.sign(Map.of("mandrill_events", batch));
        TestApp.Answer first = postWebhook(batch, signature);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("recorded").asInt()).isEqualTo(9);
        assertThat(postWebhook(batch, signature).json().get("recorded").asInt()).isZero();   // Mandrill's retry

        TestApp.Answer metrics = director.call("GET", "/metrics/mailing?template=BIENVENIDA&week=2023-W10", null);
        assertThat(metrics.status()).isEqualTo(200);
        JsonNode row = metrics.json().get(0);
        assertThat(row.get("sent").asLong()).isEqualTo(4);
        assertThat(row.get("delivered").asLong()).isEqualTo(3);
        assertThat(row.get("open_rate").asDouble()).isEqualTo(2.0 / 3);
        assertThat(row.get("click_rate").asDouble()).isEqualTo(1.0 / 3);
        assertThat(director.call("GET", "/metrics/mailing?week=W10", null).json().at("/error/field").asText()).isEqualTo("week");
        assertThat(app.anonymous().call("GET", "/metrics/mailing", null).status()).isEqualTo(401);
        assertThat(app.anonymous().call("HEAD", "/webhooks/mandrill", null).status()).isEqualTo(200);
    }
}
