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

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code regla advising sync} refuses while the university's own workflow still sets the owner (Automation API v4,
 * WireMock with HubSpot's documented flow shapes), runs with {@code --allow-workflow}, and reports HubSpot's failures.
 */
class WorkflowGuardTest {

    @RegisterExtension
    static WireMockExtension hubspot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String LIST = "/automation/v4/flows?limit=100";
    private static final String SEARCH = "/crm/v3/objects/deals/search";
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The seed's workflow, as GET /automation/v4/flows/{id} describes it: a branch, then "set property" on the owner. */
    private static final String SEED_FLOW = """
            {"id":"585051946","isEnabled":true,"flowType":"WORKFLOW","revisionId":"7","objectTypeId":"0-3",
             "name":"Asignación de Asesor y Envío de Primer Correo","startActionId":"1","nextAvailableActionId":"4",
             "actions":[
              {"type":"LIST_BRANCH","actionId":"1","listBranches":[{"filterBranch":{"filterBranchType":"AND","filters":[
                {"property":"facultad","operation":{"operator":"IS_ANY_OF","values":["JURISPRUDENCIA"]}}]},
                "connection":{"edgeType":"STANDARD","nextActionId":"2"}}]},
              {"type":"SINGLE_CONNECTION","actionId":"2","actionTypeVersion":0,"actionTypeId":"0-9",
               "connection":{"edgeType":"STANDARD","nextActionId":"3"},
               "fields":{"user_ids":["2620022"],"subject":"Deal sin Facultad Asociada","body":"…"}},
              {"type":"SINGLE_CONNECTION","actionId":"3","actionTypeVersion":0,"actionTypeId":"0-5",
               "fields":{"property_name":"hubspot_owner_id","value":{"staticValue":"101","type":"STATIC_VALUE"}}}],
             "enrollmentCriteria":{"shouldReEnroll":false,"type":"EVENT_BASED"}}""";

    private static final String OTHER_FLOW = """
            {"id":"777","isEnabled":true,"flowType":"WORKFLOW","objectTypeId":"0-1","name":"Boletín",
             "actions":[{"type":"SINGLE_CONNECTION","actionId":"1","actionTypeVersion":0,"actionTypeId":"0-13",
               "fields":{"operation":"ADD","list_id":"178"}}]}""";

    @BeforeEach
    void stubs() {
        AdvisingCommand.Sync.hubspotConfig = () -> HubSpotConfig.of("pat-test").withBaseUri(URI.create(hubspot.baseUrl()));
        hubspot.stubFor(get(urlEqualTo("/crm/v3/owners/?limit=100&archived=false")).willReturn(okJson("{\"results\":[]}")));
        hubspot.stubFor(post(urlEqualTo(SEARCH)).willReturn(okJson("{\"total\":0,\"results\":[]}")));
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/search")).willReturn(okJson("{\"total\":0,\"results\":[]}")));
    }

    @AfterEach
    void reset() {
        AdvisingCommand.Sync.hubspotConfig = HubSpotConfig::fromEnvironment;
    }

    private int sync(Path dir, String... extra) {
        return SyncCommandRun.sync(out, err, dir, extra);
    }

    private void stubFlows(boolean seedEnabled) {
        hubspot.stubFor(get(urlEqualTo(LIST)).willReturn(okJson("""
                {"results":[{"id":"777","isEnabled":true,"flowType":"WORKFLOW","objectTypeId":"0-1","name":"Boletín"},
                 {"id":"585051946","isEnabled":%s,"flowType":"WORKFLOW","objectTypeId":"0-3","name":"Asignación de Asesor y Envío de Primer Correo"}],
                 "paging":{"next":{"after":"2"}}}""".formatted(seedEnabled))));
        hubspot.stubFor(get(urlEqualTo(LIST + "&after=2")).willReturn(okJson("""
                {"results":[{"id":"9","isEnabled":true,"flowType":"WORKFLOW","objectTypeId":"0-2","name":"Empresas"}]}""")));
        hubspot.stubFor(get(urlEqualTo("/automation/v4/flows/777")).willReturn(okJson(OTHER_FLOW)));
        hubspot.stubFor(get(urlEqualTo("/automation/v4/flows/585051946")).willReturn(okJson(
                seedEnabled ? SEED_FLOW : SEED_FLOW.replace("\"isEnabled\":true", "\"isEnabled\":false"))));
    }

    @Test
    void anEnabledWorkflowSettingTheOwnerStopsTheSyncWithOneLineAndExitTwo(@TempDir Path dir) {
        stubFlows(true);

        int code = sync(dir);

        assertThat(code).as(err.toString()).isEqualTo(ReglaCli.USAGE);
        assertThat(err.toString().lines()).singleElement().isEqualTo("regla: HubSpot workflow 'Asignación de Asesor y Envío "
                + "de Primer Correo' (id 585051946) is enabled and sets hubspot_owner_id on deals: switch it off in HubSpot "
                + "(Automatización > Flujos de trabajo) or run with --allow-workflow");
        assertThat(out.toString()).isEmpty();
        hubspot.verify(0, postRequestedFor(urlEqualTo(SEARCH)));
        // A company workflow is not read; the list is followed through its pages.
        hubspot.verify(0, getRequestedFor(urlEqualTo("/automation/v4/flows/9")));
        hubspot.verify(1, getRequestedFor(urlEqualTo(LIST + "&after=2")));
    }

    @Test
    void allowWorkflowRunsTheSyncWithoutReadingTheWorkflows(@TempDir Path dir) {
        stubFlows(true);

        int code = sync(dir, "--allow-workflow");

        assertThat(code).as(err.toString()).isEqualTo(ReglaCli.OK);
        assertThat(out.toString()).startsWith("deals 0");
        hubspot.verify(0, getRequestedFor(urlPathEqualTo("/automation/v4/flows")));
        hubspot.verify(1, postRequestedFor(urlEqualTo(SEARCH)));
    }

    @Test
    void aSwitchedOffWorkflowLetsTheSyncRun(@TempDir Path dir) {
        stubFlows(false);

        assertThat(sync(dir)).as(err.toString()).isEqualTo(ReglaCli.OK);
        hubspot.verify(1, postRequestedFor(urlEqualTo(SEARCH)));
    }

    @Test
    void aRateLimitWhileCheckingSaysWhenToRunAgainAndExitsOne(@TempDir Path dir) {
        hubspot.stubFor(get(urlEqualTo(LIST)).willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
                .withBody("{\"status\":\"error\",\"message\":\"You have reached your ten_secondly_rolling limit.\","
                        + "\"errorType\":\"RATE_LIMIT\",\"correlationId\":\"c-1\",\"policyName\":\"TEN_SECONDLY_ROLLING\"}")));

        int code = sync(dir);

        assertThat(code).isEqualTo(ReglaCli.FAILED);
        assertThat(err.toString().lines()).singleElement().isEqualTo("regla: HubSpot failed for now (429 RATE_LIMIT) while "
                + "checking its workflows: run `regla advising sync` again in 10 s or later; nothing was synced");
        hubspot.verify(0, postRequestedFor(urlEqualTo(SEARCH)));
    }

    @Test
    void aPortalWithoutTheAutomationApiRunsTheSyncWithAWarning(@TempDir Path dir) {
        hubspot.stubFor(get(urlEqualTo(LIST)).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"error\",\"message\":\"Resource not found\",\"correlationId\":\"c-3\","
                        + "\"category\":\"OBJECT_NOT_FOUND\"}")));

        int code = sync(dir);

        assertThat(code).as(err.toString()).isEqualTo(ReglaCli.OK);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("regla: warning: ").contains("404 OBJECT_NOT_FOUND", "hubspot_owner_id");
        hubspot.verify(1, postRequestedFor(urlEqualTo(SEARCH)));
    }

    @Test
    void aFlowListedWithItsActionsIsJudgedWithoutAReadAndAFlowGoneSinceTheListIsSkipped(@TempDir Path dir) {
        hubspot.stubFor(get(urlEqualTo(LIST)).willReturn(okJson("""
                {"results":[{"id":"31","isEnabled":true,"objectTypeId":"0-1","name":"Borrado"},%s]}"""
                .formatted(SEED_FLOW.replace("\"id\":\"585051946\"", "\"id\":\"32\"")))));
        hubspot.stubFor(get(urlEqualTo("/automation/v4/flows/31")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"error\",\"category\":\"OBJECT_NOT_FOUND\"}")));

        int code = sync(dir);

        assertThat(code).isEqualTo(ReglaCli.USAGE);
        assertThat(err.toString().lines()).singleElement().asString().contains("(id 32) is enabled and sets hubspot_owner_id on deals");
        hubspot.verify(0, getRequestedFor(urlEqualTo("/automation/v4/flows/32")));
        hubspot.verify(0, postRequestedFor(urlEqualTo(SEARCH)));
    }

    @Test
    void aMissingAutomationScopeRefusesAndSaysWhatToGrant(@TempDir Path dir) {
        hubspot.stubFor(get(urlEqualTo(LIST)).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"error\",\"message\":\"This app hasn't been granted all required scopes to make this call.\","
                        + "\"correlationId\":\"c-2\",\"category\":\"MISSING_SCOPES\",\"errors\":[{\"message\":\"One or more of the "
                        + "following scopes are required.\",\"context\":{\"requiredGranularScopes\":[\"automation\"]}}]}")));

        int code = sync(dir);

        assertThat(code).isEqualTo(ReglaCli.USAGE);
        assertThat(err.toString().lines()).singleElement().asString()
                .contains("403 MISSING_SCOPES", "'automation' scope", "--allow-workflow");
        hubspot.verify(0, postRequestedFor(urlEqualTo(SEARCH)));
    }
}
