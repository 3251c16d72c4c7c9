package io.regla.adapters.mailchimp.marketing;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.regla.api.spi.DeliveryException;
import io.regla.api.spi.OutgoingEmail;
import io.regla.api.spi.SendResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.regla.adapters.mailchimp.marketing.MailchimpMarketingClientTest.EMAIL;
import static io.regla.adapters.mailchimp.marketing.MailchimpMarketingClientTest.LIST;
import static io.regla.adapters.mailchimp.marketing.MailchimpMarketingClientTest.MEMBER;
import static io.regla.adapters.mailchimp.marketing.MailchimpMarketingClientTest.HASH;
import static io.regla.adapters.mailchimp.marketing.MailchimpMarketingClientTest.member;
import static io.regla.adapters.mailchimp.marketing.MailchimpMarketingClientTest.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MailchimpJourneyMailerTest {

    @RegisterExtension
    static WireMockExtension mailchimp = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String TRIGGER = "/3.0/customer-journeys/journeys/42/steps/7/actions/trigger";
    static final String TAGS = MEMBER + "/tags";
    static final OutgoingEmail SURVEY = new OutgoingEmail("ENCUESTA_ADAPTACION:e-17", "ENCUESTA_ADAPTACION", EMAIL, "e-17",
            Map.of("NOMBRE_NINO", "Lucía", "INTERNO", "no se envía"));

    private MailchimpJourneyMailer mailer;

    @BeforeEach
    void setUp() {
        MailchimpMarketingClient client = new MailchimpMarketingClient(MailchimpMarketingConfig.builder("k-us14")
                .baseUri(URI.create(mailchimp.baseUrl() + "/3.0")).build(), HttpClient.newHttpClient());
        mailer = MailchimpJourneyMailer.builder(client, LIST)
                .journey("ENCUESTA_ADAPTACION", "42", "7")
                .statusIfNew(ContactStatus.SUBSCRIBED)
                .mergeField("NOMBRE_NINO", "CHILD")
                .build();
    }

    @Test
    void upsertsTriggersTheJourneyAndTagsTheKey() {
        mailchimp.stubFor(put(MEMBER).willReturn(okJson(member("subscribed"))));
        mailchimp.stubFor(post(urlEqualTo(TRIGGER)).willReturn(aResponse().withStatus(204)));
        mailchimp.stubFor(post(urlEqualTo(TAGS)).willReturn(aResponse().withStatus(204)));

        SendResult result = mailer.send(SURVEY);

        assertThat(result).isEqualTo(new SendResult(SendResult.Status.ACCEPTED, HASH, "journey 42 step 7"));
        mailchimp.verify(putRequestedFor(urlEqualTo(MEMBER))
                .withRequestBody(matchingJsonPath("$.status_if_new", equalTo("subscribed")))
                .withRequestBody(equalToJson("{\"email_address\":\"" + EMAIL + "\",\"status_if_new\":\"subscribed\","
                        + "\"merge_fields\":{\"CHILD\":\"Lucía\"}}")));
        mailchimp.verify(postRequestedFor(urlEqualTo(TRIGGER)).withRequestBody(equalToJson("{\"email_address\":\"" + EMAIL + "\"}")));
        mailchimp.verify(postRequestedFor(urlEqualTo(TAGS)).withRequestBody(equalToJson("{\"tags\":[{\"name\":\""
                + MailchimpJourneyMailer.sentTag("ENCUESTA_ADAPTACION:e-17") + "\",\"status\":\"active\"}]}")));
    }

    @Test
    void aTemplateWithoutJourneyIsAPermanentFailureBeforeAnyCall() {
        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> mailer.send(new OutgoingEmail("k", "BIENVENIDA", EMAIL, "e-1", Map.of())));

        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo("NO_JOURNEY");
        mailchimp.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aContactInComplianceStateIsRejectedWithoutTrigger() {
        mailchimp.stubFor(put(MEMBER).willReturn(problem(400, "Member In Compliance State", "in compliance state")));
        mailchimp.stubFor(get(urlPathEqualTo(MEMBER)).willReturn(okJson("{\"status\":\"unsubscribed\"}")));

        assertThat(mailer.send(SURVEY)).isEqualTo(new SendResult(SendResult.Status.REJECTED, HASH, "unsubscribed"));
        mailchimp.verify(0, postRequestedFor(urlEqualTo(TRIGGER)));
    }

    @Test
    void anExistingCleanedContactIsRejectedWithoutTrigger() {
        mailchimp.stubFor(put(MEMBER).willReturn(okJson(member("cleaned"))));

        assertThat(mailer.send(SURVEY)).isEqualTo(new SendResult(SendResult.Status.REJECTED, HASH, "cleaned"));
        mailchimp.verify(0, postRequestedFor(urlEqualTo(TRIGGER)));
    }

    @Test
    void aFakeAddressIsRejectedAsInvalid() {
        mailchimp.stubFor(put(MEMBER).willReturn(problem(400, "Invalid Resource",
                EMAIL + " looks fake or invalid, please enter a real email address.")));

        assertThat(mailer.send(SURVEY)).isEqualTo(new SendResult(SendResult.Status.REJECTED, HASH, "invalid"));
        mailchimp.verify(0, postRequestedFor(urlEqualTo(TRIGGER)));
    }

    @Test
    void aFailedTriggerIsReportedAndNothingIsTagged() {
        mailchimp.stubFor(put(MEMBER).willReturn(okJson(member("subscribed"))));
        mailchimp.stubFor(post(urlEqualTo(TRIGGER)).willReturn(problem(503, "Service Unavailable", "try again later")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> mailer.send(SURVEY));

        assertThat(e.retryable()).isTrue();
        mailchimp.verify(0, postRequestedFor(urlEqualTo(TAGS)));
    }

    @Test
    void aFailedTagAfterTheTriggerStillCountsAsSent() {
        mailchimp.stubFor(put(MEMBER).willReturn(okJson(member("subscribed"))));
        mailchimp.stubFor(post(urlEqualTo(TRIGGER)).willReturn(aResponse().withStatus(204)));
        mailchimp.stubFor(post(urlEqualTo(TAGS)).willReturn(problem(500, "Internal Server Error", "boom")));

        assertThat(mailer.send(SURVEY).accepted()).isTrue();
    }

    @Test
    void lookupFindsTheExactSentTag() {
        String tag = MailchimpJourneyMailer.sentTag("ENCUESTA_ADAPTACION:e-17");
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/lists/" + LIST + "/tag-search")).withQueryParam("name", equalTo(tag))
                .willReturn(okJson("{\"tags\":[{\"id\":3201,\"name\":\"" + tag + "\"}],\"total_items\":1}")));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/lists/" + LIST + "/tag-search")).withQueryParam("name", equalTo(MailchimpJourneyMailer.sentTag("other")))
                .willReturn(okJson("{\"tags\":[],\"total_items\":0}")));

        assertThat(mailer.lookup("ENCUESTA_ADAPTACION:e-17")).contains(new SendResult(SendResult.Status.ACCEPTED, tag, "tagged"));
        assertThat(mailer.lookup("other")).isEmpty();
        mailchimp.verify(2, getRequestedFor(urlPathEqualTo("/3.0/lists/" + LIST + "/tag-search")));
    }

    @Test
    void sentTagsHaveOneLengthSoPrefixSearchCannotConfuseKeys() {
        assertThat(MailchimpJourneyMailer.sentTag("a")).hasSize(MailchimpJourneyMailer.sentTag("a-much-longer-key:e-1000").length())
                .startsWith("regla:").isNotEqualTo(MailchimpJourneyMailer.sentTag("b"));
    }
}
