package io.regla.adapters.hubspot.automation;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.regla.adapters.hubspot.HubSpotConfig;
import io.regla.adapters.hubspot.HubSpotHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flows list ({@code GET /automation/v4/flows}) pages with {@code paging.next.after}, raw or already URL-encoded as
 * HubSpot gives it: each cursor reaches HubSpot encoded exactly once, so no page is skipped or read twice.
 */
class HubSpotWorkflowsPagingTest {

    @RegisterExtension
    static WireMockExtension hubspot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String LIST = "/automation/v4/flows?limit=100";

    private static String flow(String id, boolean setsOwner) {
        String field = setsOwner ? "hubspot_owner_id" : "lifecyclestage";
        return """
                {"id":"%s","isEnabled":true,"flowType":"WORKFLOW","objectTypeId":"0-3","name":"Flujo %s",
                 "actions":[{"type":"SINGLE_CONNECTION","actionId":"1","actionTypeVersion":0,"actionTypeId":"0-5",
                   "fields":{"property_name":"%s","value":{"staticValue":"1","type":"STATIC_VALUE"}}}]}""".formatted(id, id, field);
    }

    @Test
    void eachFlowsCursorIsSentEncodedExactlyOnce() {
        hubspot.stubFor(get(urlEqualTo(LIST)).willReturn(okJson(
                "{\"results\":[" + flow("11", true) + "],\"paging\":{\"next\":{\"after\":\"MTAw+/w==\"}}}")));
        hubspot.stubFor(get(urlEqualTo(LIST + "&after=MTAw%2B%2Fw%3D%3D")).willReturn(okJson(
                "{\"results\":[" + flow("12", false) + "],\"paging\":{\"next\":{\"after\":\"MjAw%2Bw%3D%3D\",\"link\":\"?after=MjAw%2Bw%3D%3D\"}}}")));
        hubspot.stubFor(get(urlEqualTo(LIST + "&after=MjAw%2Bw%3D%3D")).willReturn(okJson("{\"results\":[" + flow("13", true) + "]}")));

        var workflows = new HubSpotWorkflows(new HubSpotHttp(HubSpotConfig.of("pat-test").withBaseUri(URI.create(hubspot.baseUrl())),
                HttpClient.newHttpClient())).enabledSetting("hubspot_owner_id");

        assertThat(workflows).extracting(HubSpotWorkflows.Workflow::id).containsExactly("11", "13");
        hubspot.verify(3, getRequestedFor(urlPathEqualTo("/automation/v4/flows")));
    }
}
