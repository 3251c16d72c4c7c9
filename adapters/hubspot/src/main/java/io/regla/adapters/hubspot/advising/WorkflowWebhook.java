package io.regla.adapters.hubspot.advising;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regla.adapters.hubspot.webhook.SignatureV3;

import java.io.IOException;
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

    private final SignatureV3 signature;
    private final ObjectMapper json = new ObjectMapper();

    public WorkflowWebhook(SignatureV3 signature) {
        this.signature = signature;
    }

    /**
     * @return the deal ids in the body: {@code objectId} or {@code hs_object_id} (top level or under
     * {@code properties}) of the object, or of each element of an array of events
     * @throws Rejected for a bad or stale signature, or a body without a deal id
     */
    public List<String> dealIds(String method, String uri, String body, String signatureHeader, String timestampHeader) {
        SignatureV3.Outcome outcome = signature.verify(method, uri, body, signatureHeader, timestampHeader);
        if (outcome != SignatureV3.Outcome.VALID) throw new Rejected(outcome, "HubSpot webhook refused: " + outcome);
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new Rejected(SignatureV3.Outcome.VALID, "HubSpot webhook body is not JSON");
        }
        Set<String> ids = new LinkedHashSet<>();
        if (root != null && root.isArray()) root.forEach(e -> add(e, ids));
        else if (root != null) add(root, ids);
        if (ids.isEmpty()) throw new Rejected(SignatureV3.Outcome.VALID, "HubSpot webhook names no objectId");
        return new ArrayList<>(ids);
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
