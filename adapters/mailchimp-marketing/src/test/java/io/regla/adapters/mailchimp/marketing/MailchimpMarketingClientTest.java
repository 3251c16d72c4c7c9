package io.regla.adapters.mailchimp.marketing;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.regla.api.spi.DeliveryException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Replays the Mailchimp Marketing v3 contract: member upsert, tags, journeys, problem+json errors and 429s. */
class MailchimpMarketingClientTest {

    @RegisterExtension
    static WireMockExtension mailchimp = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String API_KEY = "0123456789abcdef0123456789abcdef-us14";
    static final String LIST = "a1b2c3d4e5";
    static final String EMAIL = "ana.garcia@example.com";
    /** {@code printf '%s' ana.garcia@example.com | md5sum}. */
    static final String HASH = "9883d4b93141cf50a4c15dbc6c7b590b";
    static final String MEMBER = "/3.0/lists/" + LIST + "/members/" + HASH;

    private MailchimpMarketingClient client;

    @BeforeEach
    void setUp() {
        MailchimpMarketingConfig config = MailchimpMarketingConfig.builder(API_KEY)
                .baseUri(URI.create(mailchimp.baseUrl() + "/3.0"))
                .build();
        client = new MailchimpMarketingClient(config, HttpClient.newHttpClient());
    }

    static String member(String status) {
        return "{\"id\":\"" + HASH + "\",\"email_address\":\"" + EMAIL + "\",\"status\":\"" + status + "\","
                + "\"merge_fields\":{\"FNAME\":\"Ana\"},\"stats\":{\"avg_open_rate\":0.5,\"avg_click_rate\":0.1},"
                + "\"last_changed\":\"2023-02-06T09:00:00+00:00\",\"tags\":[]}";
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder problem(int status, String title, String detail) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://mailchimp.com/developer/marketing/docs/errors/\",\"title\":\"" + title
                        + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"instance\":\"7f1c2c0e-5c9f-4c5e-9d43-1e7f5e0c3a11\"}");
    }

    @Test
    void upsertPutsTheMemberUnderItsHashWithStatusIfNewAndBasicAuth() {
        mailchimp.stubFor(put(MEMBER).willReturn(okJson(member("subscribed"))));

        MemberResult result = client.upsertMember(LIST, MemberUpsert.of(EMAIL, ContactStatus.SUBSCRIBED, Map.of("FNAME", "Ana")));

        assertThat(result).isEqualTo(new MemberResult(MemberResult.Outcome.UPSERTED, ContactStatus.SUBSCRIBED, HASH, null));
        mailchimp.verify(putRequestedFor(urlEqualTo(MEMBER))
                .withBasicAuth(new BasicCredentials("regla", API_KEY))
                .withRequestBody(matchingJsonPath("$.email_address", equalTo(EMAIL)))
                .withRequestBody(matchingJsonPath("$.status_if_new", equalTo("subscribed")))
                .withRequestBody(matchingJsonPath("$.merge_fields.FNAME", equalTo("Ana")))
                .withRequestBody(notContaining("\"status\":"))
                .withRequestBody(notContaining("\"tags\"")));
    }

    @Test
    void anExistingMembersStatusIsReportedAndOnlyOverwrittenWhenAsked() {
        mailchimp.stubFor(put(MEMBER).willReturn(okJson(member("unsubscribed"))));
        assertThat(client.upsertMember(LIST, MemberUpsert.of(EMAIL, ContactStatus.SUBSCRIBED, Map.of())).status())
                .isEqualTo(ContactStatus.UNSUBSCRIBED);

        mailchimp.stubFor(put(MEMBER).willReturn(okJson(member("transactional"))));
        client.upsertMember(LIST, MemberUpsert.of(EMAIL, ContactStatus.SUBSCRIBED, Map.of()).withStatus(ContactStatus.TRANSACTIONAL));

        mailchimp.verify(putRequestedFor(urlEqualTo(MEMBER)).withRequestBody(matchingJsonPath("$.status", equalTo("transactional"))));
    }

    @Test
    void theHashIgnoresTheAddressesCase() {
        mailchimp.stubFor(put(MEMBER).willReturn(okJson(member("pending"))));

        MemberResult result = client.upsertMember(LIST, MemberUpsert.of("Ana.Garcia@EXAMPLE.com", ContactStatus.PENDING, Map.of()));

        assertThat(result.subscriberHash()).isEqualTo(HASH);
        assertThat(result.status()).isEqualTo(ContactStatus.PENDING);
    }

    @Test
    void memberInComplianceStateReadsTheBlockingStatus() {
        mailchimp.stubFor(put(MEMBER).willReturn(problem(400, "Member In Compliance State",
                EMAIL + " is already a list member in compliance state due to unsubscribe, bounce, or compliance review.")));
        mailchimp.stubFor(get(urlPathEqualTo(MEMBER)).willReturn(okJson("{\"status\":\"cleaned\"}")));

        MemberResult result = client.upsertMember(LIST, MemberUpsert.of(EMAIL, ContactStatus.SUBSCRIBED, Map.of()));

        assertThat(result.outcome()).isEqualTo(MemberResult.Outcome.IN_COMPLIANCE_STATE);
        assertThat(result.contactStatus()).contains(ContactStatus.CLEANED);
        assertThat(result.detail()).contains("Member In Compliance State").doesNotContain(EMAIL).contains("a***@example.com");
    }

    @Test
    void memberInComplianceStateWithoutAReadableStatusIsUnsubscribed() {
        mailchimp.stubFor(put(MEMBER).willReturn(problem(400, "Member In Compliance State", "in compliance state")));
        mailchimp.stubFor(get(urlPathEqualTo(MEMBER)).willReturn(problem(404, "Resource Not Found",
                "The requested resource could not be found.")));

        assertThat(client.upsertMember(LIST, MemberUpsert.of(EMAIL, ContactStatus.SUBSCRIBED, Map.of())).contactStatus())
                .contains(ContactStatus.UNSUBSCRIBED);
    }

    @Test
    void aFakeLookingAddressIsAnInvalidAddress() {
        mailchimp.stubFor(put(MEMBER).willReturn(problem(400, "Invalid Resource",
                EMAIL + " looks fake or invalid, please enter a real email address.")));

        MemberResult result = client.upsertMember(LIST, MemberUpsert.of(EMAIL, ContactStatus.SUBSCRIBED, Map.of()));

        assertThat(result.outcome()).isEqualTo(MemberResult.Outcome.INVALID_ADDRESS);
        assertThat(result.contactStatus()).isEmpty();
        assertThat(result.detail()).doesNotContain(EMAIL);
    }

    @Test
    void otherInvalidResourcesAreAPermanentFailureListingTheFields() {
        mailchimp.stubFor(put(MEMBER).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://mailchimp.com/developer/marketing/docs/errors/\",\"title\":\"Invalid Resource\","
                        + "\"status\":400,\"detail\":\"Your merge fields were invalid.\",\"instance\":\"x\","
                        + "\"errors\":[{\"field\":\"BIRTHDAY\",\"message\":\"Please enter a complete date\"}]}")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> client.upsertMember(LIST, MemberUpsert.of(EMAIL, ContactStatus.SUBSCRIBED, Map.of("BIRTHDAY", "13"))));

        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo("Invalid Resource");
        assertThat(e.getMessage()).contains("BIRTHDAY").contains("Please enter a complete date");
    }

    @Test
    void anUnknownListIsResourceNotFound() {
        mailchimp.stubFor(put(MEMBER).willReturn(problem(404, "Resource Not Found", "The requested resource could not be found.")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> client.upsertMember(LIST, MemberUpsert.of(EMAIL, ContactStatus.SUBSCRIBED, Map.of())));

        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo("Resource Not Found");
    }

    @Test
    void methodNotAllowedIsPermanent() {
        mailchimp.stubFor(post(urlEqualTo(MEMBER + "/tags")).willReturn(problem(405, "Method Not Allowed",
                "The requested method and resource are not compatible. See the Allow header for this resource's available methods.")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> client.updateTags(LIST, EMAIL, List.of(TagChange.add("vitamina-centro"))));

        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo("Method Not Allowed");
    }

    @Test
    void serverErrorsAreRetryable() {
        mailchimp.stubFor(put(MEMBER).willReturn(problem(500, "Internal Server Error", "An unexpected internal error has occurred.")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> client.upsertMember(LIST, MemberUpsert.of(EMAIL, ContactStatus.SUBSCRIBED, Map.of())));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isNull();
        mailchimp.verify(1, putRequestedFor(urlEqualTo(MEMBER)));
    }

    @Test
    void tooManyRequestsIsOneAttemptClassifiedRetryableAndLeavesTheWaitToTheOutbox() {
        mailchimp.stubFor(put(MEMBER).inScenario("rate").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(problem(429, "Too Many Requests", "You have exceeded the limit of 10 simultaneous connections."))
                .willSetStateTo("free"));
        mailchimp.stubFor(put(MEMBER).inScenario("rate").whenScenarioStateIs("free").willReturn(okJson(member("subscribed"))));

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> client.upsertMember(LIST, MemberUpsert.of(EMAIL, ContactStatus.SUBSCRIBED, Map.of())));

        assertThat(e.retryable()).isTrue();
        assertThat(e.uncertain()).as("a 429 is a refusal: nothing was done").isFalse();
        assertThat(e.code()).isEqualTo("429");
        assertThat(e.retryAfter()).as("Mailchimp sent no Retry-After: the outbox's RetryPolicy backs off").isNull();
        assertThat(e).hasMessageContaining("Too Many Requests");
        mailchimp.verify(1, putRequestedFor(urlEqualTo(MEMBER)));
        // The next attempt is the outbox's, and it goes through.
        assertThat(client.upsertMember(LIST, MemberUpsert.of(EMAIL, ContactStatus.SUBSCRIBED, Map.of())).outcome())
                .isEqualTo(MemberResult.Outcome.UPSERTED);
        mailchimp.verify(2, putRequestedFor(urlEqualTo(MEMBER)));
    }

    @Test
    void aRetryAfterOnA429IsPassedOnToTheOutbox() {
        mailchimp.stubFor(put(MEMBER).willReturn(problem(429, "Too Many Requests", "Slow down.").withHeader("Retry-After", "30")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> client.upsertMember(LIST, MemberUpsert.of(EMAIL, ContactStatus.SUBSCRIBED, Map.of())));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        mailchimp.verify(1, putRequestedFor(urlEqualTo(MEMBER)));
        assertThat(client.availableConnections()).as("the permit is back").isEqualTo(10);
    }

    @Test
    void tagsArePostedAsAnArray() {
        mailchimp.stubFor(post(urlEqualTo(MEMBER + "/tags")).willReturn(aResponse().withStatus(204)));

        client.updateTags(LIST, EMAIL, List.of(TagChange.add("vitamina-centro"), TagChange.remove("lista-espera")));

        mailchimp.verify(postRequestedFor(urlEqualTo(MEMBER + "/tags")).withBasicAuth(new BasicCredentials("regla", API_KEY))
                .withRequestBody(equalToJson("{\"tags\":[{\"name\":\"vitamina-centro\",\"status\":\"active\"},"
                        + "{\"name\":\"lista-espera\",\"status\":\"inactive\"}]}")));
    }

    @Test
    void triggersTheJourneyStepForTheContact() {
        String path = "/3.0/customer-journeys/journeys/42/steps/7/actions/trigger";
        mailchimp.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));

        client.triggerJourney("42", "7", EMAIL);

        mailchimp.verify(postRequestedFor(urlEqualTo(path)).withRequestBody(equalToJson("{\"email_address\":\"" + EMAIL + "\"}")));
    }

    @Test
    void aJourneyTriggerForAContactOutsideTheAudienceFails() {
        String path = "/3.0/customer-journeys/journeys/42/steps/7/actions/trigger";
        mailchimp.stubFor(post(urlEqualTo(path)).willReturn(problem(404, "Resource Not Found", "The requested resource could not be found.")));

        assertThatThrownBy(() -> client.triggerJourney("42", "7", EMAIL)).isInstanceOf(DeliveryException.class)
                .hasMessageContaining("Resource Not Found");
    }

    @Test
    void memberStatusOfAnUnknownMemberIsEmpty() {
        mailchimp.stubFor(get(urlPathEqualTo(MEMBER)).willReturn(problem(404, "Resource Not Found", "The requested resource could not be found.")));

        assertThat(client.memberStatus(LIST, EMAIL)).isEmpty();
    }

    @Test
    void idsAreCheckedBeforeTheyBecomePaths() {
        assertThatThrownBy(() -> client.triggerJourney("42/../x", "7", EMAIL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("journey_id");
    }

    @Test
    void theDataCenterComesFromTheKeyAndTheKeyStaysSecret() {
        MailchimpMarketingConfig config = MailchimpMarketingConfig.fromEnvironment(Map.of(MailchimpMarketingConfig.ENV_API_KEY, API_KEY));
        assertThat(config.baseUri()).isEqualTo(URI.create("https://us14.api.mailchimp.com/3.0"));
        assertThat(config.toString()).doesNotContain(API_KEY);
        assertThat(config.maxConnections()).isEqualTo(10);
        assertThatThrownBy(() -> MailchimpMarketingConfig.builder("nodatacenter").build())
                .hasMessageContaining("data-center").hasMessageNotContaining("nodatacenter");
        assertThatThrownBy(() -> MailchimpMarketingConfig.fromEnvironment(Map.of())).hasMessageContaining("MAILCHIMP_API_KEY");
    }
}
