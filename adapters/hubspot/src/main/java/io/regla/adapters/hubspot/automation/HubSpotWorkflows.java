package io.regla.adapters.hubspot.automation;

import com.fasterxml.jackson.databind.JsonNode;
import io.regla.adapters.hubspot.HubSpotException;
import io.regla.adapters.hubspot.HubSpotHttp;
import io.regla.adapters.hubspot.PagingCursor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the portal's workflows through the Automation API v4 ({@code GET /automation/v4/flows}, then
 * {@code GET /automation/v4/flows/{flowId}} for each enabled contact or deal workflow) to find the ones that set a
 * property: the university's own "Asignación de Asesor" workflow, left on, would fight the sync over the owner.
 *
 * <p>A flow's actions carry their settings in {@code fields}; the built-in "set property" action (type {@code 0-5})
 * names the property in {@code fields.property_name}, owner rotation names it in {@code fields.target_property}.
 * Any action whose fields name the property (at any depth, as a value of a {@code property_name},
 * {@code target_property} or {@code propertyName} key) counts, so an action type this code does not know cannot hide
 * an owner change. Needs the private app's {@code automation} scope. One attempt per call, as every HubSpot call
 * here: a 429 is a retryable {@link io.regla.adapters.hubspot.HubSpotException} with its wait.
 */
public final class HubSpotWorkflows {

    /** HubSpot object type ids of contacts and deals, as flows name them in {@code objectTypeId}. */
    public static final Set<String> CONTACTS_AND_DEALS = Set.of("0-1", "0-3");
    private static final Set<String> PROPERTY_KEYS = Set.of("property_name", "target_property", "propertyName");

    /** A workflow that sets the property, with the action that does it. */
    public record Workflow(String id, String name, String objectTypeId, String actionId, String actionTypeId) {
        public String objectLabel() {
            return switch (objectTypeId == null ? "" : objectTypeId) {
                case "0-1" -> "contacts";
                case "0-3" -> "deals";
                default -> "objects of type " + objectTypeId;
            };
        }
    }

    private final HubSpotHttp http;

    public HubSpotWorkflows(HubSpotHttp http) {
        this.http = http;
    }

    /** The enabled contact and deal workflows that set {@code property}, in the order HubSpot lists them. */
    public List<Workflow> enabledSetting(String property) {
        List<Workflow> out = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = http.callIdempotent("GET", "/automation/v4/flows?limit=100" + (after == null ? "" : "&after="
                    + PagingCursor.queryValue(after)), null);
            for (JsonNode f : page.path("results")) {
                // The list may omit isEnabled: only an explicit false skips the flow.
                if (f.path("isEnabled").isBoolean() && !f.path("isEnabled").asBoolean()) continue;
                String type = f.path("objectTypeId").asText(null);
                if (type != null && !CONTACTS_AND_DEALS.contains(type)) continue;
                JsonNode flow = f.path("actions").isArray() ? f : read(f.path("id").asText());
                if (flow == null) continue; // deleted between the list and the read
                if (!flow.path("isEnabled").asBoolean(false)) continue;
                String flowType = flow.path("objectTypeId").asText(type);
                if (flowType != null && !CONTACTS_AND_DEALS.contains(flowType)) continue;
                for (JsonNode action : flow.path("actions")) {
                    if (names(action.path("fields"), property)) {
                        out.add(new Workflow(flow.path("id").asText(), flow.path("name").asText(""), flowType,
                                action.path("actionId").asText(null), action.path("actionTypeId").asText(null)));
                        break;
                    }
                }
            }
            JsonNode next = page.path("paging").path("next").path("after");
            after = next.isMissingNode() || next.isNull() ? null : next.asText();
        } while (after != null);
        return out;
    }

    /** One flow with its actions, or null when HubSpot no longer has it (404 after the list named it). */
    private JsonNode read(String id) {
        try {
            return http.callIdempotent("GET", "/automation/v4/flows/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null);
        } catch (HubSpotException e) {
            if (e.status() == 404) return null;
            throw e;
        }
    }

    private static boolean names(JsonNode node, String property) {
        if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                if (PROPERTY_KEYS.contains(e.getKey()) && e.getValue().isTextual() && e.getValue().asText().equals(property)) return true;
                if (names(e.getValue(), property)) return true;
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) if (names(n, property)) return true;
        }
        return false;
    }
}
