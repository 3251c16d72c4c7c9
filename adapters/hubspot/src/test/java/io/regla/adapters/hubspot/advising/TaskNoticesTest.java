package io.regla.adapters.hubspot.advising;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.regla.adapters.hubspot.HubSpotConfig;
import io.regla.adapters.hubspot.HubSpotHttp;
import io.regla.adapters.hubspot.crm.HubSpotCrm;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.action.NotifyInternal;
import io.regla.api.spi.OutboxStatus;
import io.regla.core.outbox.OutboxDispatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** Notices through the outbox: once per key, and a create whose answer was lost is found, not repeated. */
class TaskNoticesTest {

    @RegisterExtension
    static WireMockExtension hubspot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final NotifyInternal NOTICE = new NotifyInternal("555", "Deal sin Facultad Asociada [Curso de Gerencia]",
            "Asigne la facultad", "1002");

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-08-03T14:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void anUncertainCreateIsReconciledBySearchingTheDealsTasks(@TempDir Path dir) {
        MovableClock clock = new MovableClock();
        HubSpotHttp http = new HubSpotHttp(HubSpotConfig.of("pat").withBaseUri(URI.create(hubspot.baseUrl())), HttpClient.newHttpClient());
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/tasks")).willReturn(aResponse().withStatus(502)));
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/tasks/search")).willReturn(okJson("""
                {"total":1,"results":[{"id":"7001","properties":{"hs_task_subject":"Deal sin Facultad Asociada [Curso de Gerencia]"}}]}""")));
        try (JdbcStore store = JdbcStore.h2(dir.resolve("regla"), clock)) {
            TaskNotices notices = new TaskNotices(store.outbox(), new HubSpotCrm(http), clock);
            OutboxDispatcher dispatcher = OutboxDispatcher.builder(store.outbox(), TaskNotices.CHANNEL, notices).clock(clock).build();

            assertThat(notices.enqueue(NOTICE)).isTrue();
            assertThat(notices.enqueue(NOTICE)).as("the same notice decided again").isFalse();
            dispatcher.dispatchDue();
            String key = io.regla.rules.advising.Notices.key("1002", "Deal sin Facultad Asociada [Curso de Gerencia]");
            assertThat(store.outbox().find(key).orElseThrow().status()).isEqualTo(OutboxStatus.UNCERTAIN);

            clock.now = clock.now.plus(Duration.ofHours(2));
            dispatcher.dispatchDue();

            assertThat(store.outbox().find(key).orElseThrow()).satisfies(e -> {
                assertThat(e.status()).isEqualTo(OutboxStatus.SENT);
                assertThat(e.providerId()).isEqualTo("7001");
            });
            hubspot.verify(1, postRequestedFor(urlEqualTo("/crm/v3/objects/tasks")));
            hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/tasks/search")).withRequestBody(equalToJson("""
                    {"filterGroups":[{"filters":[
                      {"propertyName":"hs_task_subject","operator":"EQ","value":"Deal sin Facultad Asociada [Curso de Gerencia]"},
                      {"propertyName":"associations.deal","operator":"EQ","value":"1002"}]}],
                     "properties":["hs_task_subject"],"limit":1}""")));
        }
    }

    @Test
    void aValidationErrorFailsTheNoticeForGood(@TempDir Path dir) {
        MovableClock clock = new MovableClock();
        HubSpotHttp http = new HubSpotHttp(HubSpotConfig.of("pat").withBaseUri(URI.create(hubspot.baseUrl())), HttpClient.newHttpClient());
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/tasks")).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"error\",\"message\":\"555 is not a valid owner\",\"correlationId\":\"k-1\",\"category\":\"VALIDATION_ERROR\"}")));
        try (JdbcStore store = JdbcStore.h2(dir.resolve("regla"), clock)) {
            TaskNotices notices = new TaskNotices(store.outbox(), new HubSpotCrm(http), clock);
            notices.enqueue(NOTICE);
            OutboxDispatcher.builder(store.outbox(), TaskNotices.CHANNEL, notices).clock(clock).build().dispatchDue();
            assertThat(store.outbox().find(io.regla.rules.advising.Notices.key("1002", "Deal sin Facultad Asociada [Curso de Gerencia]")).orElseThrow()).satisfies(e -> {
                assertThat(e.status()).isEqualTo(OutboxStatus.FAILED);
                assertThat(e.lastError()).contains("VALIDATION_ERROR", "k-1");
            });
        }
    }
}
