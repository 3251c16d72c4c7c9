package io.regla.adapters.hubspot.advising;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.regla.adapters.http.RoleRegistry;
import io.regla.adapters.http.ServeContext;
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
import io.regla.rules.advising.Enrolment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HubSpot workflow webhook through the HTTP adapter over real HTTP: signature first, then the deal is routed. */
class HubSpotWebhookRouteTest {

    @RegisterExtension
    static WireMockExtension hubspot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final Instant NOW = Instant.parse("2026-08-03T14:00:00Z");
    static final String SECRET = "app-secret";
    static final URI PUBLIC = URI.create("https://regla.example.edu.co");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final HttpClient http = HttpClient.newHttpClient();
    RulesEngine engine;
    JdbcStore store;
    WebServer server;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        engine = Regla.builder().bundledRules().clock(clock).build();
        store = JdbcStore.h2(dir.resolve("regla"), clock);
        HubSpotHttp api = new HubSpotHttp(HubSpotConfig.of("pat-test").withBaseUri(URI.create(hubspot.baseUrl())),
                HttpClient.newHttpClient());
        AdvisingSync sync = new AdvisingSync(engine, new HubSpotCrm(api), new HubSpotMailer(api, Map.of(Enrolment.TEMPLATE, 4242L)),
                store, clock, AdvisingSync.Properties.defaults());
        server = WebServer.builder(new Accounts(store.facts(), clock, new RoleRegistry(java.util.List.of()), 4))
                .module(new HubSpotWebhookRoute(new WorkflowWebhook(new SignatureV3(SECRET, clock)), sync, PUBLIC))
                .start();
        hubspot.stubFor(get(urlEqualTo("/crm/v3/owners/?limit=100&archived=false")).willReturn(okJson("""
                {"results":[{"id":"101","email":"valentina.rubiano@example.edu.co","firstName":"Valentina","lastName":"Rubiano","archived":false},
                 {"id":"900","email":"duvan.albarracin@example.edu.co","firstName":"Duván","lastName":"Albarracín","archived":false}]}""")));
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/batch/read")).willReturn(okJson("""
                {"status":"COMPLETE","results":[{"id":"1001","properties":{"dealname":"Diplomado en Derecho Digital",
                 "facultad":"Jurisprudencia","hubspot_owner_id":"900","createdate":"2026-08-03T08:00:00Z"}}]}""")));
        hubspot.stubFor(post(urlEqualTo("/crm/v4/associations/deals/contacts/batch/read")).willReturn(okJson("""
                {"status":"COMPLETE","results":[{"from":{"id":"1001"},"to":[]}]}""")));
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/batch/read")).willReturn(okJson("{\"status\":\"COMPLETE\",\"results\":[]}")));
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/batch/update")).willReturn(okJson("{\"status\":\"COMPLETE\",\"results\":[]}")));
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
        engine.close();
    }

    private HttpResponse<String> webhook(String body, String signature, String timestamp) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + HubSpotWebhookRoute.PATH))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) b.header(SignatureV3.SIGNATURE_HEADER, signature);
        if (timestamp != null) b.header(SignatureV3.TIMESTAMP_HEADER, timestamp);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSignedCallRoutesTheDealToItsFacultyAdvisor() throws Exception {
        String body = "{\"objectId\":1001}";
        String ts = String.valueOf(NOW.toEpochMilli());
        String sig = new SignatureV3(SECRET, clock).sign("POST", PUBLIC + HubSpotWebhookRoute.PATH, body, ts);
        HttpResponse<String> r = webhook(body, sig, ts);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"deals\":1").contains("\"ownerChanges\":1");
        hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/deals/batch/update"))
                .withRequestBody(equalToJson("{\"inputs\":[{\"id\":\"1001\",\"properties\":{\"hubspot_owner_id\":\"101\"}}]}", true, true)));
    }

    private HttpResponse<String> signedWebhook() throws Exception {
        String body = "{\"objectId\":1001}";
        String ts = String.valueOf(NOW.toEpochMilli());
        return webhook(body, new SignatureV3(SECRET, clock).sign("POST", PUBLIC + HubSpotWebhookRoute.PATH, body, ts), ts);
    }

    @Test
    void aHubSpotRateLimitAnswers429WithRetryAfterInMillisecondsSoHubSpotRetries() throws Exception {
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/batch/read")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
                .withBody("{\"status\":\"error\",\"message\":\"ten_secondly_rolling\",\"errorType\":\"RATE_LIMIT\"}")));

        HttpResponse<String> r = signedWebhook();

        // HubSpot's workflows retry a 429 after its Retry-After, read in milliseconds.
        assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).contains("10000");
        assertThat(r.body()).contains("RATE_LIMIT").contains("\"retryAfterMillis\":10000");
        hubspot.verify(1, postRequestedFor(urlEqualTo("/crm/v3/objects/deals/batch/read")));
        hubspot.verify(0, postRequestedFor(urlEqualTo("/crm/v3/objects/deals/batch/update")));
    }

    @Test
    void aHubSpotServerErrorOrNoAnswerAnswers503SoHubSpotRetries() throws Exception {
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/batch/read")).willReturn(aResponse().withStatus(502)));
        HttpResponse<String> r = signedWebhook();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).isEmpty();

        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/batch/update"))
                .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/batch/read")).willReturn(okJson("""
                {"status":"COMPLETE","results":[{"id":"1001","properties":{"dealname":"Diplomado en Derecho Digital",
                 "facultad":"Jurisprudencia","hubspot_owner_id":"900","createdate":"2026-08-03T08:00:00Z"}}]}""")));
        HttpResponse<String> noAnswer = signedWebhook();
        assertThat(noAnswer.statusCode()).as(noAnswer.body()).isEqualTo(503);
        assertThat(noAnswer.body()).contains("NETWORK");
    }

    @Test
    void aRefusalHubSpotWouldRepeatAnswers422SoHubSpotStops() throws Exception {
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/batch/read")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"error\",\"message\":\"bad token\",\"correlationId\":\"au-1\",\"category\":\"INVALID_AUTHENTICATION\"}")));
        HttpResponse<String> r = signedWebhook();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(r.body()).contains("INVALID_AUTHENTICATION", "au-1");
    }

    @Test
    void aBadOrStaleSignatureIsA401AndChangesNothing() throws Exception {
        String body = "{\"objectId\":1001}";
        String ts = String.valueOf(NOW.toEpochMilli());
        assertThat(webhook(body, "bm9wZQ==", ts).statusCode()).isEqualTo(401);
        String old = String.valueOf(NOW.minusSeconds(301).toEpochMilli());
        String staleSig = new SignatureV3(SECRET, clock).sign("POST", PUBLIC + HubSpotWebhookRoute.PATH, body, old);
        assertThat(webhook(body, staleSig, old).statusCode()).isEqualTo(401);
        assertThat(webhook(body, null, null).statusCode()).isEqualTo(401);
        hubspot.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theFactoryServesTheRouteOnlyWhenHubSpotIsConfigured() {
        HubSpotWebhookRouteFactory factory = new HubSpotWebhookRouteFactory();
        assertThat(factory.create(context(Map.of()))).isEmpty();
        Map<String, String> env = new java.util.HashMap<>(Map.of("HUBSPOT_TOKEN", "pat-test", "HUBSPOT_APP_SECRET", SECRET,
                "HUBSPOT_ENROLMENT_EMAIL_ID", "4242", "REGLA_PUBLIC_URL", PUBLIC.toString(), "HUBSPOT_BASE_URL", hubspot.baseUrl()));
        assertThat(factory.create(context(env)))
                .singleElement().isInstanceOf(HubSpotWebhookRoute.class);
        env.remove("HUBSPOT_APP_SECRET");
        assertThat(factory.create(context(env))).as("nothing can be verified without the app secret").isEmpty();
        env.put("HUBSPOT_APP_SECRET", SECRET);
        env.remove("HUBSPOT_ENROLMENT_EMAIL_ID");
        assertThat(factory.create(context(env))).as("faculty changes need no enrolment e-mail").singleElement()
                .isInstanceOf(HubSpotWebhookRoute.class);
        env.put("HUBSPOT_ENROLMENT_EMAIL_ID", "welcome");
        assertThatThrownBy(() -> factory.create(context(env)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HubSpot webhook configuration");
    }

    private ServeContext context(Map<String, String> env) {
        return new ServeContext(engine, store, clock, java.time.ZoneOffset.UTC, env,
                new Accounts(store.facts(), clock, new RoleRegistry(java.util.List.of()), 4),
                (name, every, task) -> { }, false, new java.io.PrintWriter(java.io.Writer.nullWriter()));
    }
}
