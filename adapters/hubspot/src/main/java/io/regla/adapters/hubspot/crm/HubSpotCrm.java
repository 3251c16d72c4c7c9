package io.regla.adapters.hubspot.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regla.adapters.hubspot.HubSpotHttp;
import io.regla.adapters.hubspot.PagingCursor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The HubSpot CRM calls the advising sync needs: owners, deals and contacts with properties, deals created
 * since a cursor, deal-to-contact associations (v4), owner updates and tasks as internal notices.
 *
 * <p>Each method makes one attempt per HTTP call and never retries or sleeps: a failure is a classified
 * {@link io.regla.adapters.hubspot.HubSpotException} (permanent, retryable with its retry-after, or uncertain for
 * the task create). Reads and owner updates are idempotent ({@link HubSpotHttp#callIdempotent}); the task create is
 * not ({@link HubSpotHttp#callNonIdempotent}) and {@link #findTask} reconciles it. Who retries: the outbox for
 * tasks, the next run for the advising poller.
 */
public final class HubSpotCrm {

    /** HubSpot-defined association type of a task to a deal. */
    public static final int TASK_TO_DEAL = 216;
    /** HubSpot caps one search query at 10,000 results: the next run continues from the cursor. */
    public static final int SEARCH_RESULT_CAP = 10_000;

    public enum ObjectType {
        CONTACT("contacts", "0-1"), DEAL("deals", "0-3");

        private final String path;
        private final String typeId;

        ObjectType(String path, String typeId) {
            this.path = path;
            this.typeId = typeId;
        }

        public String path() {
            return path;
        }

        /** HubSpot's object type id ({@code objectTypeId} in generic webhook events and flows). */
        public String typeId() {
            return typeId;
        }
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HubSpotCrm.class);

    private final HubSpotHttp http;
    /**
     * The optional endpoints this portal answered 404 to (no such endpoint), remembered for the client's life: the
     * batch endpoints ({@link #BATCH}: objects' {@code batch/read} and {@code batch/update}, associations'
     * {@code batch/read}) and tasks' search are optimisations beside HubSpot's documented single-object contract,
     * which a gateway or a mock replaying only that contract may not serve. One batch endpoint missing stops them all.
     */
    private final java.util.Set<String> missing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public HubSpotCrm(HubSpotHttp http) {
        this.http = http;
    }

    /**
     * Calls an optional endpoint unless it is known to be missing: empty when it is, or when it answers 404 without
     * HubSpot's {@code OBJECT_NOT_FOUND} body (an unknown path: HubSpot's and WireMock's answer), which is then
     * remembered and said once in the log. An {@code OBJECT_NOT_FOUND} 404 is an answer about objects and is thrown.
     */
    private java.util.Optional<JsonNode> optional(String family, String method, String path, JsonNode body, String instead) {
        if (missing.contains(family)) return java.util.Optional.empty();
        try {
            return java.util.Optional.of(http.callIdempotent(method, path, body));
        } catch (io.regla.adapters.hubspot.HubSpotException e) {
            if (e.status() != 404 || "OBJECT_NOT_FOUND".equals(e.category())) throw e;
            if (missing.add(family)) {
                log.warn("HubSpot answered 404 to {} {} (no such endpoint here): {} from now on", method, path, instead);
            }
            return java.util.Optional.empty();
        }
    }

    /** {@code GET /crm/v3/objects/{type}/{id}?...}, or empty when HubSpot has no such object (404). */
    private java.util.Optional<JsonNode> readOne(ObjectType type, String id, String query) {
        try {
            return java.util.Optional.of(http.callIdempotent("GET", "/crm/v3/objects/" + type.path() + "/" + enc(id) + query, null));
        } catch (io.regla.adapters.hubspot.HubSpotException e) {
            if (e.status() == 404) return java.util.Optional.empty();
            throw e;
        }
    }

    /** Every active owner, following {@code paging.next.after}. */
    public List<HubSpotOwner> owners() {
        List<HubSpotOwner> out = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = http.callIdempotent("GET", "/crm/v3/owners/?limit=100&archived=false" + (after == null ? "" : "&after=" + PagingCursor.queryValue(after)), null);
            for (JsonNode o : page.path("results")) {
                out.add(new HubSpotOwner(o.path("id").asText(), text(o, "email"), text(o, "firstName"), text(o, "lastName"),
                        text(o, "userId"), o.path("archived").asBoolean(false)));
            }
            after = nextAfter(page);
        } while (after != null);
        return out;
    }

    /** {@code GET /crm/v3/objects/{type}/{id}?properties=...}. */
    public CrmObject read(ObjectType type, String id, List<String> properties) {
        String query = properties.isEmpty() ? "" : "?properties=" + enc(String.join(",", properties));
        return object(http.callIdempotent("GET", "/crm/v3/objects/" + type.path() + "/" + enc(id) + query, null));
    }

    /**
     * Deals whose {@code createdate} is at or after {@code since}, oldest first, following {@code after} up to
     * {@link #SEARCH_RESULT_CAP}. At-or-after, not after: a deal created in the cursor's millisecond is read
     * again rather than missed (processing a deal twice changes nothing).
     */
    public List<CrmObject> dealsCreatedSince(Instant since, List<String> properties) {
        List<CrmObject> out = new ArrayList<>();
        String after = null;
        do {
            ObjectNode body = http.json().createObjectNode();
            ObjectNode filter = body.putArray("filterGroups").addObject().putArray("filters").addObject();
            filter.put("propertyName", "createdate");
            filter.put("operator", "GTE");
            filter.put("value", String.valueOf(since.toEpochMilli()));
            body.putArray("sorts").addObject().put("propertyName", "createdate").put("direction", "ASCENDING");
            ArrayNode props = body.putArray("properties");
            properties.forEach(props::add);
            if (!properties.contains("createdate")) props.add("createdate");
            body.put("limit", 100);
            if (after != null) body.put("after", after);
            JsonNode page = http.callIdempotent("POST", "/crm/v3/objects/deals/search", body);
            for (JsonNode r : page.path("results")) out.add(object(r));
            after = nextAfter(page);
        } while (after != null && out.size() < SEARCH_RESULT_CAP);
        return out;
    }

    /** The ids of the contacts associated with a deal ({@code GET /crm/v4/objects/deals/{id}/associations/contacts}). */
    public List<String> dealContactIds(String dealId) {
        List<String> out = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = http.callIdempotent("GET", "/crm/v4/objects/deals/" + enc(dealId) + "/associations/contacts?limit=500"
                    + (after == null ? "" : "&after=" + PagingCursor.queryValue(after)), null);
            for (JsonNode r : page.path("results")) out.add(r.path("toObjectId").asText());
            after = nextAfter(page);
        } while (after != null);
        return out;
    }

    /** The batch endpoints, as one {@link #optional} family. */
    private static final String BATCH = "batch";
    private static final String ONE_BY_ONE = "no batch calls, reading and updating one object at a time";

    /** HubSpot's batch endpoints take at most 100 inputs per call. */
    public static final int BATCH_SIZE = 100;

    /**
     * Many objects in batches of {@value #BATCH_SIZE} ({@code POST /crm/v3/objects/{type}/batch/read}); ids HubSpot
     * does not know are left out of the result.
     */
    public List<CrmObject> readAll(ObjectType type, List<String> ids, List<String> properties) {
        List<CrmObject> out = new ArrayList<>();
        for (List<String> chunk : chunks(ids)) {
            ObjectNode body = http.json().createObjectNode();
            ArrayNode props = body.putArray("properties");
            properties.forEach(props::add);
            ArrayNode inputs = body.putArray("inputs");
            chunk.forEach(id -> inputs.addObject().put("id", id));
            String endpoint = "/crm/v3/objects/" + type.path() + "/batch/read";
            java.util.Optional<JsonNode> response = optional(BATCH, "POST", endpoint, body, ONE_BY_ONE);
            if (response.isPresent()) {
                for (JsonNode r : response.get().path("results")) out.add(object(r));
                continue;
            }
            String query = properties.isEmpty() ? "" : "?properties=" + enc(String.join(",", properties));
            for (String id : chunk) readOne(type, id, query).ifPresent(r -> out.add(object(r)));
        }
        return out;
    }

    /**
     * The contacts of many deals at once ({@code POST /crm/v4/associations/deals/contacts/batch/read}); a deal
     * with more associations than one page holds is completed with {@link #dealContactIds(String)}.
     *
     * @return contact ids per deal id (every deal asked for is a key)
     */
    public Map<String, List<String>> dealContactIds(List<String> dealIds) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        dealIds.forEach(id -> out.put(id, new ArrayList<>()));
        for (List<String> chunk : chunks(dealIds)) {
            ObjectNode body = http.json().createObjectNode();
            ArrayNode inputs = body.putArray("inputs");
            chunk.forEach(id -> inputs.addObject().put("id", id));
            String endpoint = "/crm/v4/associations/deals/contacts/batch/read";
            java.util.Optional<JsonNode> response = optional(BATCH, "POST", endpoint, body, ONE_BY_ONE);
            if (response.isEmpty()) {
                for (String id : chunk) out.put(id, dealContactIds(id));
                continue;
            }
            for (JsonNode r : response.get().path("results")) {
                String dealId = r.path("from").path("id").asText();
                if (nextAfter(r) != null) {
                    out.put(dealId, dealContactIds(dealId));
                    continue;
                }
                List<String> ids = out.computeIfAbsent(dealId, k -> new ArrayList<>());
                for (JsonNode to : r.path("to")) ids.add(to.path("toObjectId").asText());
            }
        }
        return out;
    }

    /**
     * The deals of many contacts at once ({@code POST /crm/v4/associations/contacts/deals/batch/read}): the other
     * direction of {@link #dealContactIds(List)}, for re-routing a contact who changed faculty.
     *
     * @return deal ids per contact id (every contact asked for is a key)
     */
    public Map<String, List<String>> contactDealIds(List<String> contactIds) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        contactIds.forEach(id -> out.put(id, new ArrayList<>()));
        for (List<String> chunk : chunks(contactIds)) {
            ObjectNode body = http.json().createObjectNode();
            ArrayNode inputs = body.putArray("inputs");
            chunk.forEach(id -> inputs.addObject().put("id", id));
            String endpoint = "/crm/v4/associations/contacts/deals/batch/read";
            java.util.Optional<JsonNode> response = optional(BATCH, "POST", endpoint, body, ONE_BY_ONE);
            if (response.isEmpty()) {
                for (String id : chunk) contactDealIdsOneByOne(id, out.get(id));
                continue;
            }
            for (JsonNode r : response.get().path("results")) {
                List<String> ids = out.computeIfAbsent(r.path("from").path("id").asText(), k -> new ArrayList<>());
                for (JsonNode to : r.path("to")) ids.add(to.path("toObjectId").asText());
            }
        }
        return out;
    }

    /**
     * One contact's deals by the documented read, {@code GET /crm/v3/objects/contacts/{id}?associations=deals}, whose
     * {@code associations.deals} holds one page ({@code results[{id, type}]}, a deal listed once per association type)
     * and, when the contact has more, {@code paging.next} with {@code after} and {@code link}: the URL of the next page
     * (the object's associations list, {@code GET /crm/v3/objects/contacts/{id}/associations/deals?after=}), followed
     * on the configured base until a page has no {@code paging.next}.
     */
    private void contactDealIdsOneByOne(String contactId, List<String> ids) {
        JsonNode page = readOne(ObjectType.CONTACT, contactId, "?associations=deals")
                .map(c -> c.path("associations").path("deals")).orElse(null);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (page != null) {
            for (JsonNode to : page.path("results")) {
                // v3 lists {id, type}; a next page served by the v4 list has {toObjectId, associationTypes}.
                String deal = to.hasNonNull("id") ? to.get("id").asText() : to.path("toObjectId").asText(null);
                if (deal != null && !ids.contains(deal)) ids.add(deal);
            }
            String after = nextAfter(page);
            if (after == null || !seen.add(after)) return;
            page = nextAssociationsPage(contactId, after, text(page.path("paging").path("next"), "link"));
        }
    }

    /** The page {@code link} names (its path and query, on the configured base), else the list endpoint with {@code after}. */
    private JsonNode nextAssociationsPage(String contactId, String after, String link) {
        String list = "/crm/v3/objects/contacts/" + enc(contactId) + "/associations/deals?after=" + PagingCursor.queryValue(after);
        String linked = pathAndQuery(link);
        if (linked == null || linked.equals(list)) return http.callIdempotent("GET", list, null);
        try {
            return http.callIdempotent("GET", linked, null);
        } catch (io.regla.adapters.hubspot.HubSpotException e) {
            // A link this host does not serve (404 without OBJECT_NOT_FOUND: no such path): the list endpoint instead.
            if (e.status() != 404 || "OBJECT_NOT_FOUND".equals(e.category())) throw e;
            return http.callIdempotent("GET", list, null);
        }
    }

    /** The path and query of a HubSpot paging link when it is a CRM API URL, else null. */
    private static String pathAndQuery(String link) {
        if (link == null || link.isBlank()) return null;
        try {
            java.net.URI uri = java.net.URI.create(link);
            String path = uri.getRawPath();
            if (path == null || !path.startsWith("/crm/")) return null;
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Ids of the contacts modified at or after {@code since} ({@code lastmodifieddate}), oldest first, with the
     * time of the last one seen (where the next poll starts), up to {@link #SEARCH_RESULT_CAP}.
     */
    public Modified contactsModifiedSince(Instant since) {
        List<String> ids = new ArrayList<>();
        Instant last = since;
        String after = null;
        do {
            ObjectNode body = http.json().createObjectNode();
            ObjectNode filter = body.putArray("filterGroups").addObject().putArray("filters").addObject();
            filter.put("propertyName", "lastmodifieddate").put("operator", "GTE").put("value", String.valueOf(since.toEpochMilli()));
            body.putArray("sorts").addObject().put("propertyName", "lastmodifieddate").put("direction", "ASCENDING");
            body.putArray("properties").add("lastmodifieddate");
            body.put("limit", 100);
            if (after != null) body.put("after", after);
            JsonNode page = http.callIdempotent("POST", "/crm/v3/objects/contacts/search", body);
            for (JsonNode r : page.path("results")) {
                CrmObject c = object(r);
                ids.add(c.id());
                Instant t = c.updatedAt() != null ? c.updatedAt() : parse(c.property("lastmodifieddate"));
                if (t != null && t.isAfter(last)) last = t;
            }
            after = nextAfter(page);
        } while (after != null && ids.size() < SEARCH_RESULT_CAP);
        return new Modified(ids, last);
    }

    /** Ids modified since a cursor, and the latest modification time among them. */
    public record Modified(List<String> ids, Instant last) {
    }

    /** One past value of a property ({@code propertiesWithHistory}), newest first in HubSpot's answer. */
    public record PropertyChange(String value, Instant timestamp, String sourceType, String sourceId, String updatedByUserId) {
        /** Who made it, as the journey records it: {@code userId:123}, else the source ({@code IMPORT}, {@code INTEGRATION:456}). */
        public String by() {
            if (updatedByUserId != null && !updatedByUserId.isBlank()) return "userId:" + updatedByUserId;
            if (sourceType == null) return "unknown";
            return sourceId == null || sourceId.isBlank() ? sourceType : sourceType + ":" + sourceId;
        }
    }

    /**
     * Objects with one property's history ({@code POST /crm/v3/objects/{type}/batch/read} with
     * {@code propertiesWithHistory}), newest value first.
     */
    public Map<String, List<PropertyChange>> history(ObjectType type, List<String> ids, String property) {
        Map<String, List<PropertyChange>> out = new java.util.LinkedHashMap<>();
        for (List<String> chunk : chunks(ids)) {
            ObjectNode body = http.json().createObjectNode();
            body.putArray("properties").add(property);
            body.putArray("propertiesWithHistory").add(property);
            ArrayNode inputs = body.putArray("inputs");
            chunk.forEach(id -> inputs.addObject().put("id", id));
            String endpoint = "/crm/v3/objects/" + type.path() + "/batch/read";
            List<JsonNode> results = new ArrayList<>();
            java.util.Optional<JsonNode> response = optional(BATCH, "POST", endpoint, body, ONE_BY_ONE);
            if (response.isPresent()) {
                response.get().path("results").forEach(results::add);
            } else {
                String query = "?properties=" + enc(property) + "&propertiesWithHistory=" + enc(property);
                for (String id : chunk) readOne(type, id, query).ifPresent(results::add);
            }
            for (JsonNode r : results) {
                List<PropertyChange> changes = new ArrayList<>();
                for (JsonNode h : r.path("propertiesWithHistory").path(property)) {
                    changes.add(new PropertyChange(text(h, "value"), parse(text(h, "timestamp")), text(h, "sourceType"),
                            text(h, "sourceId"), text(h, "updatedByUserId")));
                }
                changes.sort(java.util.Comparator.comparing(PropertyChange::timestamp,
                        java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder())));
                out.put(r.path("id").asText(), changes);
            }
        }
        return out;
    }

    private static Instant parse(String t) {
        if (t == null) return null;
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(t));
            } catch (NumberFormatException n) {
                return null;
            }
        }
    }

    /**
     * Sets {@code hubspot_owner_id} on many objects ({@code POST /crm/v3/objects/{type}/batch/update}). Idempotent:
     * a failure without an answer is retryable and certain; a 207 whose items failed throws, naming HubSpot's first error.
     */
    public void setOwners(ObjectType type, Map<String, String> ownerByObjectId) {
        List<String> ids = new ArrayList<>(ownerByObjectId.keySet());
        for (List<String> chunk : chunks(ids)) {
            ObjectNode body = http.json().createObjectNode();
            ArrayNode inputs = body.putArray("inputs");
            for (String id : chunk) {
                ObjectNode in = inputs.addObject().put("id", id);
                in.putObject("properties").put("hubspot_owner_id", ownerByObjectId.get(id));
            }
            String endpoint = "/crm/v3/objects/" + type.path() + "/batch/update";
            java.util.Optional<JsonNode> answer = optional(BATCH, "POST", endpoint, body, ONE_BY_ONE);
            if (answer.isEmpty()) {
                for (String id : chunk) setOwner(type, id, ownerByObjectId.get(id));
                continue;
            }
            JsonNode errors = answer.get().path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                JsonNode first = errors.get(0);
                throw new io.regla.adapters.hubspot.HubSpotException("HubSpot batch update of " + type.path() + ": "
                        + errors.size() + " item(s) failed, first: " + first.path("category").asText("?") + " "
                        + io.regla.api.PersonalData.maskEmailsIn(first.path("message").asText("")),
                        207, first.path("category").asText("BATCH_ERROR"), first.path("correlationId").asText(null),
                        false, null, false, null);
            }
        }
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += BATCH_SIZE) out.add(ids.subList(i, Math.min(ids.size(), i + BATCH_SIZE)));
        return out;
    }

    /** Sets {@code hubspot_owner_id}. Idempotent: a failure without an answer is retryable and certain. */
    public void setOwner(ObjectType type, String id, String ownerId) {
        ObjectNode body = http.json().createObjectNode();
        body.putObject("properties").put("hubspot_owner_id", Objects.requireNonNull(ownerId, "ownerId"));
        http.callIdempotent("PATCH", "/crm/v3/objects/" + type.path() + "/" + enc(id), body);
    }

    /**
     * Creates a task for {@code ownerId} associated with the deal: the internal notice. A create is not
     * idempotent: a failure without an answer (or a 5xx) is uncertain, and the outbox looks the task up with
     * {@link #findTask} before creating it again.
     *
     * @return the task id
     */
    public String createTask(String ownerId, String subject, String body, String dealId, Instant due) {
        ObjectNode request = http.json().createObjectNode();
        ObjectNode p = request.putObject("properties");
        p.put("hs_timestamp", due.toString());
        p.put("hs_task_subject", subject);
        p.put("hs_task_body", body);
        p.put("hubspot_owner_id", ownerId);
        p.put("hs_task_status", "NOT_STARTED");
        p.put("hs_task_priority", "HIGH");
        p.put("hs_task_type", "TODO"); // HubSpot's task type for a to-do (the others are CALL and EMAIL)
        if (dealId != null) {
            ObjectNode assoc = request.putArray("associations").addObject();
            assoc.putObject("to").put("id", dealId);
            assoc.putArray("types").addObject().put("associationCategory", "HUBSPOT_DEFINED").put("associationTypeId", TASK_TO_DEAL);
        }
        return http.callNonIdempotent("POST", "/crm/v3/objects/tasks", request).path("id").asText();
    }

    /**
     * The task with this subject associated with this deal, if HubSpot has one ({@code POST
     * /crm/v3/objects/tasks/search} on {@code hs_task_subject} and {@code associations.deal}): how a create whose
     * answer was lost is reconciled before creating again.
     */
    public java.util.Optional<String> findTask(String dealId, String subject) {
        ObjectNode body = http.json().createObjectNode();
        ArrayNode filters = body.putArray("filterGroups").addObject().putArray("filters");
        filters.addObject().put("propertyName", "hs_task_subject").put("operator", "EQ").put("value", subject);
        filters.addObject().put("propertyName", "associations.deal").put("operator", "EQ").put("value", dealId);
        body.putArray("properties").add("hs_task_subject");
        body.put("limit", 1);
        String endpoint = "/crm/v3/objects/tasks/search";
        java.util.Optional<JsonNode> answer = optional(endpoint, "POST", endpoint, body,
                "a task create whose answer was lost is not looked up and may be made twice"
                        + " (the outbox key still queues one notice per deal and subject)");
        if (answer.isEmpty()) return java.util.Optional.empty();
        JsonNode results = answer.get().path("results");
        return results.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(results.get(0).path("id").asText());
    }

    private static CrmObject object(JsonNode o) {
        Map<String, String> props = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNull()) props.put(e.getKey(), e.getValue().asText());
        }
        return new CrmObject(o.path("id").asText(), props, instant(o, "createdAt"), instant(o, "updatedAt"));
    }

    private static Instant instant(JsonNode o, String field) {
        String t = text(o, field);
        if (t == null) return null;
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String nextAfter(JsonNode page) {
        return text(page.path("paging").path("next"), "after");
    }

    private static String text(JsonNode node, String field) {
        return node != null && node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
