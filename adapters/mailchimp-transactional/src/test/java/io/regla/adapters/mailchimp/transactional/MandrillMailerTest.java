package io.regla.adapters.mailchimp.transactional;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.regla.api.spi.DeliveryException;
import io.regla.api.spi.OutgoingEmail;
import io.regla.api.spi.SendResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Replays Mailchimp Transactional's documented send-template and search contract, its error objects and 429s. */
class MandrillMailerTest {

    @RegisterExtension
    static WireMockExtension mandrill = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String API_KEY = "md-SECRET-test-key";
    private static final String SEND = "/messages/send-template";
    private static final String SEARCH = "/messages/search";
    private static final OutgoingEmail WELCOME = new OutgoingEmail("BIENVENIDA:e-17", "BIENVENIDA", "ana.garcia@example.com",
            "e-17", Map.of("NOMBRE_NINO", "Lucía", "CENTRO", "Vitamina Centro"));

    private MandrillMailer mailer;

    @BeforeEach
    void setUp() {
        mailer = mailer(Duration.ofSeconds(5));
    }

    private MandrillMailer mailer(Duration requestTimeout) {
        MandrillConfig config = MandrillConfig.builder(API_KEY)
                .baseUri(URI.create(mandrill.baseUrl()))
                .from("hola@vitamina.example", "Escuelas Vitamina")
                .requestTimeout(requestTimeout)
                .build();
        return new MandrillMailer(config, HttpClient.newHttpClient(),
                Clock.fixed(Instant.parse("2023-02-10T09:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void sendsTheTemplateWithMergeVarsMetadataAndTagsAndReadsTheRecipientStatus() {
        mandrill.stubFor(post(SEND).willReturn(okJson(
                "[{\"email\":\"ana.garcia@example.com\",\"status\":\"sent\",\"_id\":\"abc123\",\"reject_reason\":null}]")));

        SendResult result = mailer.send(WELCOME);

        assertThat(result).isEqualTo(new SendResult(SendResult.Status.ACCEPTED, "abc123", "sent"));
        mandrill.verify(1, postRequestedFor(urlEqualTo(SEND))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(matchingJsonPath("$.key", equalTo(API_KEY)))
                .withRequestBody(matchingJsonPath("$.template_name", equalTo("BIENVENIDA")))
                .withRequestBody(matchingJsonPath("$.template_content", equalToJson("[]")))
                .withRequestBody(matchingJsonPath("$.message.to[0].email", equalTo("ana.garcia@example.com")))
                .withRequestBody(matchingJsonPath("$.message.to[0].type", equalTo("to")))
                .withRequestBody(matchingJsonPath("$.message.from_email", equalTo("hola@vitamina.example")))
                .withRequestBody(matchingJsonPath("$.message.global_merge_vars[?(@.name == 'NOMBRE_NINO')].content", containing("Lucía")))
                .withRequestBody(matchingJsonPath("$.message.global_merge_vars[?(@.name == 'CENTRO')].content", containing("Vitamina Centro")))
                .withRequestBody(matchingJsonPath("$.message.metadata.regla_key", equalTo("BIENVENIDA:e-17")))
                .withRequestBody(matchingJsonPath("$.message.metadata.regla_subject", equalTo("e-17")))
                .withRequestBody(matchingJsonPath("$.message.metadata.regla_template", equalTo("BIENVENIDA")))
                .withRequestBody(matchingJsonPath("$.message.tags[0]", equalTo("BIENVENIDA"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sent", "queued", "scheduled"})
    void queuedAndScheduledAreAcceptedToo(String status) {
        mandrill.stubFor(post(SEND).willReturn(okJson(
                "[{\"email\":\"ana.garcia@example.com\",\"status\":\"" + status + "\",\"_id\":\"id-" + status + "\"}]")));

        assertThat(mailer.send(WELCOME)).isEqualTo(new SendResult(SendResult.Status.ACCEPTED, "id-" + status, status));
    }

    @ParameterizedTest
    @CsvSource({"rejected,hard-bounce,hard-bounce", "rejected,unsub,unsub", "rejected,spam,spam", "invalid,,invalid"})
    void rejectedAndInvalidRecipientsAreRejectedWithTheReason(String status, String reason, String detail) {
        String reasonJson = reason == null ? "null" : "\"" + reason + "\"";
        mandrill.stubFor(post(SEND).willReturn(okJson("[{\"email\":\"ana.garcia@example.com\",\"status\":\"" + status
                + "\",\"_id\":\"r1\",\"reject_reason\":" + reasonJson + "}]")));

        assertThat(mailer.send(WELCOME)).isEqualTo(new SendResult(SendResult.Status.REJECTED, "r1", detail));
    }

    @ParameterizedTest
    @CsvSource({"Invalid_Key,-1,Invalid API key",
            "ValidationError,-2,Validation error: {\"message\":{\"to\":[{\"email\":\"Please enter a valid email address\"}]}}",
            "Unknown_Template,5,No such template \"BIENVENIDA\""})
    void permanentErrorObjectsAreNotRetryable(String name, int code, String message) {
        mandrill.stubFor(post(SEND).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody(errorObject(code, name, message))));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> mailer.send(WELCOME));

        assertThat(e.retryable()).isFalse();
        assertThat(e.uncertain()).isFalse();
        assertThat(e.code()).isEqualTo(name);
        assertThat(e.getMessage()).contains(name).doesNotContain(API_KEY);
    }

    @Test
    void generalErrorIsRetryable() {
        mandrill.stubFor(post(SEND).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody(errorObject(-1, "GeneralError",
                        "An unexpected error occurred processing the request. Mandrill developers have been notified."))));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> mailer.send(WELCOME));

        assertThat(e.retryable()).isTrue();
        assertThat(e.code()).isEqualTo("GeneralError");
    }

    @Test
    void aGatewayErrorWithoutMandrillsErrorObjectIsRetryableAndUncertain() {
        mandrill.stubFor(post(SEND).willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                .withBody("<html><body>503 Service Unavailable</body></html>")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> mailer.send(WELCOME));

        assertThat(e.retryable()).isTrue();
        assertThat(e.uncertain()).isTrue();
        assertThat(e.code()).isEqualTo("HTTP_503");
    }

    @Test
    void tooManyRequestsIsRetryableAndKeepsRetryAfter() {
        mandrill.stubFor(post(SEND).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                .withHeader("Content-Type", "application/json")
                .withBody(errorObject(-1, "Too_Many_Requests", "Too many requests"))));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> mailer.send(WELCOME));

        assertThat(e.retryable()).isTrue();
        assertThat(e.uncertain()).isFalse();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aTimeoutIsRetryableButUncertain() {
        mandrill.stubFor(post(SEND).willReturn(okJson("[{\"email\":\"ana.garcia@example.com\",\"status\":\"sent\",\"_id\":\"late\"}]")
                .withFixedDelay(5000)));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> mailer(Duration.ofMillis(1500)).send(WELCOME));

        assertThat(e.retryable()).isTrue();
        assertThat(e.uncertain()).isTrue();
        assertThat(e.code()).isEqualTo("TIMEOUT");
    }

    @Test
    void aRefusedConnectionIsRetryableAndCertainlyNotSent() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MandrillMailer unreachable = new MandrillMailer(MandrillConfig.builder(API_KEY)
                .baseUri(URI.create("http://127.0.0.1:" + closedPort + "/api/1.0")).build());

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> unreachable.send(WELCOME));

        assertThat(e.retryable()).isTrue();
        assertThat(e.uncertain()).isFalse();
        assertThat(e.code()).isEqualTo("CONNECT");
    }

    @Test
    void lookupSearchesTheKeyMetadataAndReturnsOnlyAnExactMatch() {
        mandrill.stubFor(post(SEARCH).withRequestBody(matchingJsonPath("$.query", equalTo("u_regla_key:\"BIENVENIDA:e-17\"")))
                .willReturn(okJson("[" +
                        "{\"ts\":1676019600,\"_id\":\"other\",\"state\":\"sent\",\"email\":\"x@example.com\",\"metadata\":{\"regla_key\":\"BIENVENIDA:e-17b\"}}," +
                        "{\"ts\":1676019600,\"_id\":\"abc123\",\"state\":\"sent\",\"email\":\"ana.garcia@example.com\"," +
                        "\"template\":\"bienvenida\",\"metadata\":{\"regla_key\":\"BIENVENIDA:e-17\",\"regla_subject\":\"e-17\"}}]")));

        Optional<SendResult> found = mailer.lookup("BIENVENIDA:e-17");

        assertThat(found).contains(new SendResult(SendResult.Status.ACCEPTED, "abc123", "sent"));
        mandrill.verify(postRequestedFor(urlEqualTo(SEARCH))
                .withRequestBody(matchingJsonPath("$.key", equalTo(API_KEY)))
                .withRequestBody(matchingJsonPath("$.date_from", equalTo("2023-01-11")))
                .withRequestBody(matchingJsonPath("$.date_to", equalTo("2023-02-10"))));
    }

    @Test
    void lookupOfAMessageMandrillRejectedSaysRejected() {
        mandrill.stubFor(post(SEARCH).willReturn(okJson(
                "[{\"_id\":\"r9\",\"state\":\"rejected\",\"metadata\":{\"regla_key\":\"BIENVENIDA:e-17\"}}]")));

        assertThat(mailer.lookup("BIENVENIDA:e-17")).contains(new SendResult(SendResult.Status.REJECTED, "r9", "rejected"));
    }

    @Test
    void lookupOfAnUnknownKeyIsEmpty() {
        mandrill.stubFor(post(SEARCH).willReturn(okJson("[]")));

        assertThat(mailer.lookup("BIENVENIDA:e-404")).isEmpty();
    }

    @Test
    void lookupEscapesQuotesInTheKey() {
        mandrill.stubFor(post(SEARCH).willReturn(okJson("[]")));

        mailer.lookup("odd\"key\\x");

        mandrill.verify(postRequestedFor(urlEqualTo(SEARCH))
                .withRequestBody(matchingJsonPath("$.query", equalTo("u_regla_key:\"odd\\\"key\\\\x\""))));
    }

    @Test
    void lookupFailuresAreDeliveryExceptions() {
        mandrill.stubFor(post(SEARCH).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody(errorObject(-1, "Invalid_Key", "Invalid API key"))));

        assertThatThrownBy(() -> mailer.lookup("k")).isInstanceOf(DeliveryException.class)
                .satisfies(e -> assertThat(((DeliveryException) e).retryable()).isFalse());
    }

    @Test
    void neitherTheKeyNorTheAddressReachTheLogs() {
        Logger logger = (Logger) LoggerFactory.getLogger(MandrillMailer.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level before = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.addAppender(appender);
        try {
            mandrill.stubFor(post(SEND).willReturn(okJson("[{\"email\":\"ana.garcia@example.com\",\"status\":\"sent\",\"_id\":\"abc\"}]")));
            mailer.send(WELCOME);
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(before);
        }
        assertThat(appender.list).isNotEmpty();
        assertThat(appender.list).allSatisfy(event -> assertThat(event.getFormattedMessage())
                .doesNotContain("ana.garcia@example.com").doesNotContain(API_KEY).contains("a***@example.com"));
        assertThat(mailer.toString()).doesNotContain(API_KEY);
    }

    @Test
    void errorMessagesMaskAddressesTheProviderEchoes() {
        mandrill.stubFor(post(SEND).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody(errorObject(-2, "ValidationError", "ana.garcia@example.com is not a valid address"))));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> mailer.send(WELCOME));

        assertThat(e.getMessage()).doesNotContain("ana.garcia@example.com").contains("a***@example.com");
    }

    @Test
    void configComesFromTheEnvironmentAndRequiresTheKey() {
        MandrillConfig config = MandrillConfig.fromEnvironment(Map.of(MandrillConfig.ENV_API_KEY, "k-1",
                MandrillConfig.ENV_BASE_URL, "http://localhost:1/api/1.0/"));
        assertThat(config.baseUri()).isEqualTo(URI.create("http://localhost:1/api/1.0"));
        assertThat(MandrillConfig.fromEnvironment(Map.of(MandrillConfig.ENV_API_KEY, "k-1")).baseUri())
                .isEqualTo(MandrillConfig.DEFAULT_BASE_URI);
        assertThatThrownBy(() -> MandrillConfig.fromEnvironment(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MANDRILL_API_KEY");
    }

    private static String errorObject(int code, String name, String message) {
        return "{\"status\":\"error\",\"code\":" + code + ",\"name\":\"" + name + "\",\"message\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(message) + "}";
    }

    @Test
    void metadataStaysWithinMandrillsLimitKeepingTheKey() {
        mandrill.stubFor(post(SEND).willReturn(okJson("[{\"email\":\"ana.garcia@example.com\",\"status\":\"sent\",\"_id\":\"m\"}]")));
        String longSubject = "s".repeat(240);

        mailer.send(new OutgoingEmail("BIENVENIDA:e-17", "BIENVENIDA", "ana.garcia@example.com", longSubject, Map.of()));

        mandrill.verify(postRequestedFor(urlEqualTo(SEND))
                .withRequestBody(matchingJsonPath("$.message.metadata.regla_key", equalTo("BIENVENIDA:e-17")))
                .withRequestBody(matchingJsonPath("$.message.metadata.regla_template", equalTo("BIENVENIDA")))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining(longSubject)));

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> mailer.send(new OutgoingEmail("k".repeat(300), "BIENVENIDA", "ana.garcia@example.com", "e-1", Map.of())));
        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo("METADATA_TOO_LARGE");
    }

    /** The outbox's reconciliation path: a send times out (uncertain), and lookup then finds what Mandrill accepted. */
    @Test
    void anUncertainSendIsReconciledByLookup() {
        mandrill.stubFor(post(SEND).willReturn(okJson("[{\"email\":\"ana.garcia@example.com\",\"status\":\"sent\",\"_id\":\"abc123\"}]")
                .withFixedDelay(1500)));
        mandrill.stubFor(post(SEARCH).willReturn(okJson(
                "[{\"_id\":\"abc123\",\"state\":\"sent\",\"metadata\":{\"regla_key\":\"BIENVENIDA:e-17\"}}]")));
        MandrillMailer impatient = mailer(Duration.ofMillis(200));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> impatient.send(WELCOME));
        assertThat(e.uncertain()).isTrue();
        assertThat(impatient.idempotent()).isFalse();

        assertThat(impatient.lookup(WELCOME.key())).map(SendResult::providerId).contains("abc123");
    }
}
