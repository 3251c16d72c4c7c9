package io.regla.adapters.hubspot.email;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.regla.adapters.hubspot.HubSpotConfig;
import io.regla.adapters.hubspot.HubSpotException;
import io.regla.adapters.hubspot.HubSpotHttp;
import io.regla.api.spi.DeliveryException;
import io.regla.api.spi.OutgoingEmail;
import io.regla.api.spi.SendResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Replays HubSpot's transactional single-send contract: sendId idempotency, sendResults, errors and 429s. */
class HubSpotMailerTest {

    @RegisterExtension
    static WireMockExtension hubspot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String SEND = "/marketing/v3/transactional/single-email/send";
    private static final String TEMPLATE = "Notificación Inscripción [Ficha técnica]";
    private static final OutgoingEmail EMAIL = new OutgoingEmail("INSCRIPCION:77:501", TEMPLATE, "ana.perez@example.com", "77",
            Map.of("firstName", "Ana", "advisorName", "Valentina Rubiano"));
    private HubSpotMailer mailer;

    @BeforeEach
    void setUp() {
        HubSpotConfig config = HubSpotConfig.of("pat-secret").withBaseUri(URI.create(hubspot.baseUrl()));
        mailer = new HubSpotMailer(new HubSpotHttp(config, HttpClient.newHttpClient()), Map.of(TEMPLATE, 4242L));
    }

    @Test
    void sendsTheTemplateWithTheOutboxKeyAsSendId() {
        hubspot.stubFor(post(urlEqualTo(SEND)).willReturn(okJson("""
                {"status":"PENDING","statusId":"st-1","requestedAt":"2026-08-03T14:00:00Z"}""")));

        SendResult r = mailer.send(EMAIL);

        assertThat(mailer.idempotent()).isTrue();
        assertThat(r.accepted()).isTrue();
        assertThat(r.providerId()).isEqualTo("st-1");
        hubspot.verify(postRequestedFor(urlEqualTo(SEND)).withHeader("Authorization", equalTo("Bearer pat-secret"))
                .withRequestBody(equalToJson("""
                        {"emailId":4242,"message":{"to":"ana.perez@example.com","sendId":"INSCRIPCION:77:501"},
                         "customProperties":{"advisorName":"Valentina Rubiano","firstName":"Ana"}}""")));
    }

    @Test
    void aRepeatedSendIdIsAcceptedAsAlreadySent() {
        hubspot.stubFor(post(urlEqualTo(SEND)).willReturn(okJson("""
                {"status":"COMPLETE","statusId":"st-1","sendResult":"IDEMPOTENT_IGNORE"}""")));
        SendResult r = mailer.send(EMAIL);
        assertThat(r.accepted()).isTrue();
        assertThat(r.detail()).isEqualTo("IDEMPOTENT_IGNORE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PREVIOUSLY_BOUNCED", "PREVIOUSLY_UNSUBSCRIBED_MESSAGE", "INVALID_TO_ADDRESS", "BLOCKED_DOMAIN", "IDEMPOTENT_FAIL"})
    void recipientsHubSpotRefusesAreRejectedForGood(String result) {
        hubspot.stubFor(post(urlEqualTo(SEND)).willReturn(okJson("{\"status\":\"COMPLETE\",\"statusId\":\"st-2\",\"sendResult\":\"" + result + "\"}")));
        SendResult r = mailer.send(EMAIL);
        assertThat(r.status()).isEqualTo(SendResult.Status.REJECTED);
        assertThat(r.detail()).isEqualTo(result);
    }

    @Test
    void throttledIsRetryable() {
        hubspot.stubFor(post(urlEqualTo(SEND)).willReturn(okJson("{\"status\":\"COMPLETE\",\"statusId\":\"st-3\",\"sendResult\":\"THROTTLED\"}")));
        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> mailer.send(EMAIL));
        assertThat(e.retryable()).isTrue();
        assertThat(e.code()).isEqualTo("THROTTLED");
    }

    @Test
    void rateLimitIsOneCallWithTheIntervalForTheOutbox() {
        hubspot.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
                .withBody("{\"status\":\"error\",\"message\":\"ten_secondly_rolling\",\"errorType\":\"RATE_LIMIT\",\"policyName\":\"TEN_SECONDLY_ROLLING\"}")));
        HubSpotException e = catchThrowableOfType(HubSpotException.class, () -> mailer.send(EMAIL));
        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.category()).isEqualTo("RATE_LIMIT");
        assertThat(e.uncertain()).as("a 429 sent nothing").isFalse();
        hubspot.verify(1, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void validationErrorIsPermanentWithItsCategoryAndCorrelationId() {
        hubspot.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"error\",\"message\":\"emailId 4242 is not a published transactional email\","
                        + "\"correlationId\":\"aa-11\",\"category\":\"VALIDATION_ERROR\"}")));
        HubSpotException e = catchThrowableOfType(HubSpotException.class, () -> mailer.send(EMAIL));
        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(e.getMessage()).contains("aa-11", "not a published transactional email");
    }

    @Test
    void serverErrorIsRetryableAndUncertainButNotRetriedHere() {
        hubspot.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withStatus(503)));
        HubSpotException e = catchThrowableOfType(HubSpotException.class, () -> mailer.send(EMAIL));
        assertThat(e.retryable()).isTrue();
        assertThat(e.uncertain()).isTrue();
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.retryAfter()).isNull();
        hubspot.verify(1, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void noAnswerToASendIsUncertainAndOneCall() {
        hubspot.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        HubSpotException e = catchThrowableOfType(HubSpotException.class, () -> mailer.send(EMAIL));
        assertThat(e.status()).isZero();
        assertThat(e.category()).isEqualTo("NETWORK");
        assertThat(e.retryable()).isTrue();
        assertThat(e.uncertain()).as("HubSpot may have sent it; the resend under the same sendId cannot send twice").isTrue();
        assertThat(e.getMessage()).doesNotContain("ana.perez@example.com");
        hubspot.verify(1, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void aTemplateWithoutEmailIdIsAPermanentErrorWithoutACall() {
        OutgoingEmail other = new OutgoingEmail("X:1", "OTRA", "a@example.com", "1", Map.of());
        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> mailer.send(other));
        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo("UNKNOWN_TEMPLATE");
        hubspot.verify(0, postRequestedFor(urlEqualTo(SEND)));
    }
}
