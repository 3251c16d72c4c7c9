package io.regla.adapters.hubspot.advising;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regla.adapters.hubspot.crm.HubSpotCrm;
import io.regla.adapters.hubspot.webhook.SignatureV3;

import io.regla.rules.advising.FacultyChange;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The webhook trigger for the HTTP adapter: verifies {@code X-HubSpot-Signature-v3} first, then names the deals
 * a HubSpot workflow's webhook action (or a webhook subscription) sent. The endpoint answers 401 and changes
 * nothing on {@link Rejected}, otherwise hands the ids to {@link AdvisingSync#processDeals(List)}.
 */
public final class WorkflowWebhook {

    /** The request was refused; {@link #outcome()} says why (for the log; answer 401 without detail). */
    public static final class Rejected extends RuntimeException {
        private final SignatureV3.Outcome outcome;

        Rejected(SignatureV3.Outcome outcome, String message) {
            super(message);
            this.outcome = outcome;
        }

        public SignatureV3.Outcome outcome() {
            return outcome;
        }
    }

    /**
     * What a verified webhook names: deals to route (a workflow's webhook action, {@code deal.*} subscriptions) and
     * contacts whose faculty changed ({@code contact.propertyChange} on the faculty property).
     */
    public record Events(List<String> dealIds, List<FacultyChange> facultyChanges) {
        public Events {
            dealIds = List.copyOf(dealIds);
            facultyChanges = List.copyOf(facultyChanges);
        }
    }

    private final SignatureV3 signature;
    private final String facultyProperty;
    private final ObjectMapper json = new ObjectMapper();

    public WorkflowWebhook(SignatureV3 signature) {
        this(signature, AdvisingSync.Properties.defaults().contactFaculty());
    }

    /** @param facultyProperty the contact property whose {@code contact.propertyChange} events re-route the contact */
    public WorkflowWebhook(SignatureV3 signature, String facultyProperty) {
        this.signature = signature;
        this.facultyProperty = facultyProperty;
    }

    /**
     * @return the deal ids in the body: {@code objectId} or {@code hs_object_id} (top level or under
     * {@code properties}) of the object, or of each element of an array of events
     * @throws Rejected for a bad or stale signature, or a body without a deal id
     */
    public List<String> dealIds(String method, String uri, String body, String signatureHeader, String timestampHeader) {
        Events events = read(method, uri, body, signatureHeader, timestampHeader);
        if (events.dealIds().isEmpty()) throw new Rejected(SignatureV3.Outcome.VALID, "HubSpot webhook names no deal");
        return events.dealIds();
    }

    /**
     * Verifies the signature, then sorts the events: a {@code contact.propertyChange} of the faculty property is a
     * {@link FacultyChange} (who: the event's {@code sourceId}, else its {@code changeSource}); other contact events
     * are ignored; anything else names a deal, as {@link #dealIds} reads it. The generic {@code object.*} events of the
     * newer app platform count as the legacy ones their {@code objectTypeId} says ({@code 0-1} contact, {@code 0-3}
     * deal); events of other objects, legacy ({@code company.creation}) or generic, are acknowledged and ignored.
     *
     * @throws Rejected for a bad or stale signature, or a body naming neither a deal nor a faculty change
     */
    public Events read(String method, String uri, String body, String signatureHeader, String timestampHeader) {
        SignatureV3.Outcome outcome = signature.verify(method, uri, body, signatureHeader, timestampHeader);
        if (outcome != SignatureV3.Outcome.VALID) throw new Rejected(outcome, "HubSpot webhook refused: " + outcome);
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new Rejected(SignatureV3.Outcome.VALID, "HubSpot webhook body is not JSON");
        }
        Set<String> ids = new LinkedHashSet<>();
        List<FacultyChange> changes = new ArrayList<>();
        List<JsonNode> events = new ArrayList<>();
        if (root != null && root.isArray()) root.forEach(events::add);
        else if (root != null) events.add(root);
        int acknowledged = 0;
        for (JsonNode e : events) {
            String type = legacyType(e);
            if (type == null) {
                acknowledged++; // a generic event of another object: acknowledged and ignored
                continue;
            }
            if (type.startsWith("contact.")) {
                acknowledged++;
                if (type.equals("contact.propertyChange") && facultyProperty.equals(e.path("propertyName").asText(null))
                        && e.path("objectId").isValueNode()) {
                    String by = e.path("sourceId").asText("").isBlank() ? e.path("changeSource").asText(null) : e.path("sourceId").asText();
                    Instant at = e.path("occurredAt").canConvertToLong() ? Instant.ofEpochMilli(e.path("occurredAt").asLong()) : null;
                    changes.add(new FacultyChange(e.path("objectId").asText(), null, e.path("propertyValue").asText(null), by, at));
                }
                continue;
            }
            add(e, ids);
        }
        // Contact events of other properties are acknowledged and ignored (a 4xx would only make HubSpot retry them).
        if (ids.isEmpty() && acknowledged == 0) throw new Rejected(SignatureV3.Outcome.VALID, "HubSpot webhook names no objectId");
        return new Events(new ArrayList<>(ids), changes);
    }

    /**
     * The event's subscription type in the legacy form: the newer app platform's generic events ({@code
     * object.propertyChange}, {@code object.creation}, ...) name the object in {@code objectTypeId} ({@code 0-1} a
     * contact, {@code 0-3} a deal) where the legacy ones say {@code contact.propertyChange}, {@code deal.creation}; null
     * for an event of any other object (a company, a ticket), legacy or generic, which names neither a deal nor a contact.
     */
    private static String legacyType(JsonNode event) {
        String type = event.path("subscriptionType").asText("");
        // no type: a workflow's "send a webhook" action, whose payload is the deal's properties
        if (type.isEmpty() || type.startsWith("deal.") || type.startsWith("contact.")) return type;
        // a legacy subscription of another object (company.creation, ticket.propertyChange, ...): its objectId is no deal
        if (!type.startsWith("object.")) return null;
        String action = type.substring("object.".length());
        String typeId = event.path("objectTypeId").asText("");
        if (typeId.equals(HubSpotCrm.ObjectType.CONTACT.typeId())) return "contact." + action;
        if (typeId.equals(HubSpotCrm.ObjectType.DEAL.typeId())) return "deal." + action;
        return null;
    }

    private static void add(JsonNode event, Set<String> ids) {
        for (JsonNode n : List.of(event, event.path("properties"))) {
            for (String field : List.of("objectId", "hs_object_id")) {
                JsonNode v = n.path(field);
                if (v.isObject()) v = v.path("value"); // workflow payloads may wrap values as {value: ...}
                if (v.isValueNode() && !v.asText().isBlank()) {
                    ids.add(v.asText());
                    return;
                }
            }
        }
    }
}
