package io.regla.adapters.hubspot.advising;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.regla.adapters.hubspot.HubSpotConfig;
import io.regla.cli.ReglaCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code regla advising sync} when HubSpot fails: one line, the exit code, and nothing retried inside the run. */
class AdvisingCommandTest {

    @RegisterExtension
    static WireMockExtension hubspot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String SEARCH = "/crm/v3/objects/deals/search";
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @org.junit.jupiter.api.BeforeEach
    void noWorkflowSetsTheOwner() {
        hubspot.stubFor(get(urlEqualTo("/automation/v4/flows?limit=100")).willReturn(okJson("{\"results\":[]}")));
    }

    private int run(String... args) {
        AdvisingCommand.Sync.hubspotConfig = () -> HubSpotConfig.of("pat-test").withBaseUri(URI.create(hubspot.baseUrl()));
        CommandLine cl = ReglaCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @AfterEach
    void reset() {
        AdvisingCommand.Sync.hubspotConfig = HubSpotConfig::fromEnvironment;
    }

    @Test
    void aRateLimitedSyncPrintsOneLineWithTheWaitAndExitsOne(@TempDir Path dir) {
        hubspot.stubFor(post(urlEqualTo(SEARCH)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
                .withBody("{\"status\":\"error\",\"message\":\"ten_secondly_rolling\",\"errorType\":\"RATE_LIMIT\"}")));

        int code = run("advising", "sync", "--store", dir.resolve("regla").toString(), "--enrolment-email-id", "4242", "--notice-email-id", "77",
                "--since", "2026-08-01T00:00:00Z");

        assertThat(code).as(err.toString()).isEqualTo(ReglaCli.FAILED);
        assertThat(err.toString().lines()).singleElement().isEqualTo("regla: HubSpot failed for now (429 RATE_LIMIT): run "
                + "`regla advising sync` again in 10 s or later; nothing was lost, the cursor stays at its start");
        assertThat(out.toString()).isEmpty();
        hubspot.verify(1, postRequestedFor(urlEqualTo(SEARCH)));
    }

    @Test
    void aServerErrorSaysHubSpotGaveNoWait(@TempDir Path dir) {
        hubspot.stubFor(post(urlEqualTo(SEARCH)).willReturn(aResponse().withStatus(503)));

        int code = run("advising", "sync", "--store", dir.resolve("regla").toString(), "--enrolment-email-id", "4242", "--notice-email-id", "77");

        assertThat(code).isEqualTo(ReglaCli.FAILED);
        assertThat(err.toString().lines()).singleElement().asString()
                .contains("(503 HTTP_503)", "again later (HubSpot gave no wait)", "the cursor stays");
    }

    @Test
    void aRefusalIsNotRetryableAndIsABadInputError(@TempDir Path dir) {
        hubspot.stubFor(post(urlEqualTo(SEARCH)).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"error\",\"message\":\"bad token\",\"category\":\"INVALID_AUTHENTICATION\"}")));

        int code = run("advising", "sync", "--store", dir.resolve("regla").toString(), "--enrolment-email-id", "4242", "--notice-email-id", "77");

        assertThat(code).isEqualTo(ReglaCli.USAGE);
        assertThat(err.toString()).contains("INVALID_AUTHENTICATION").doesNotContain("again");
    }

    @Test
    void anUnknownNoticeChannelAndAMissingNoticeEmailAreOneLineUsageErrors(@TempDir Path dir) {
        int code = run("advising", "sync", "--store", dir.resolve("regla").toString(), "--enrolment-email-id", "4242", "--notice", "sms");
        assertThat(code).isEqualTo(ReglaCli.USAGE);
        assertThat(err.toString().lines()).singleElement().isEqualTo("regla: --notice: notice channel 'sms' is not one of task, email, both");

        err.getBuffer().setLength(0);
        code = run("advising", "sync", "--store", dir.resolve("regla").toString(), "--enrolment-email-id", "4242", "--notice", "email");
        assertThat(code).isEqualTo(ReglaCli.USAGE);
        assertThat(err.toString().lines()).singleElement().asString().contains("--notice-email-id", "--notice task");
        hubspot.verify(0, postRequestedFor(urlEqualTo(SEARCH)));
    }

    @Test
    void byDefaultWithoutTheNoticeTemplateTheSyncRunsWithTasksAndSaysSo(@TempDir Path dir) {
        hubspot.stubFor(get(urlEqualTo("/crm/v3/owners/?limit=100&archived=false")).willReturn(okJson("{\"results\":[]}")));
        hubspot.stubFor(post(urlEqualTo(SEARCH)).willReturn(okJson("{\"total\":0,\"results\":[]}")));
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/search")).willReturn(okJson("{\"total\":0,\"results\":[]}")));

        int code = run("advising", "sync", "--store", dir.resolve("regla").toString(), "--enrolment-email-id", "4242");

        assertThat(code).as(err.toString()).isEqualTo(ReglaCli.OK);
        assertThat(err.toString().lines()).singleElement().asString().contains("notices go as HubSpot tasks", "--notice-email-id");
        assertThat(out.toString()).contains("notices (task)");
        hubspot.verify(1, postRequestedFor(urlEqualTo(SEARCH)));
    }

    @Test
    void theJourneyCommandPrintsWhoChangedWhatWithoutPersonalData(@TempDir Path dir) {
        java.time.Instant at = java.time.Instant.parse("2026-12-03T13:55:00Z");
        try (io.regla.adapters.store.jdbc.JdbcStore store = io.regla.adapters.store.jdbc.JdbcStore.h2(dir.resolve("regla"),
                java.time.Clock.systemUTC())) {
            var faculty = new io.regla.rules.advising.ContactJourneyStep("501", at, "FACULTAD", "CONTACT", "501", "JURISPRUDENCIA", "ECONOMÍA", "userId:4242");
            var owner = new io.regla.rules.advising.ContactJourneyStep("501", at.plusSeconds(60), "PROPIETARIO", "DEAL", "1001", "101", "103", "regla advising 1.1.0");
            store.facts().insert(faculty.storeId(0), faculty);
            store.facts().insert(owner.storeId(1), owner);
        }

        int code = run("advising", "journey", "501", "--store", dir.resolve("regla").toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().lines()).containsExactly(
                "2026-12-03T13:55:00Z FACULTAD    CONTACT 501        JURISPRUDENCIA -> ECONOMÍA by userId:4242",
                "2026-12-03T13:56:00Z PROPIETARIO DEAL    1001       101 -> 103 by regla advising 1.1.0");
    }
}
