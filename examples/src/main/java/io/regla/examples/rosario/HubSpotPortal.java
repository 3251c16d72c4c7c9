package io.regla.examples.rosario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * A HubSpot portal for the demo, served by WireMock on loopback: it answers the documented REST contract
 * (owners, deal search, associations v4, contacts, owner updates single and batch, tasks, transactional single-send with
 * {@code sendId} idempotency) from an in-memory portal, so a second sync sees the owners the first one set.
 */
final class HubSpotPortal implements ResponseDefinitionTransformerV2 {

    record Owner(String id, String email, String firstName, String lastName) {
    }

    static final class Deal {
        final String id;
        final String name;
        final String faculty;
        final Instant created;
        final List<String> contactIds;
        volatile String ownerId;

        Deal(String id, String name, String faculty, String ownerId, Instant created, List<String> contactIds) {
            this.id = id;
            this.name = name;
            this.faculty = faculty;
            this.ownerId = ownerId;
            this.created = created;
            this.contactIds = List.copyOf(contactIds);
        }
    }

    static final class Contact {
        final String id;
        final String email;
        final String firstName;
        final String lastName;
        volatile String ownerId;
        volatile String faculty;
        volatile Instant modified;

        Contact(String id, String email, String firstName, String lastName, String faculty, String ownerId) {
            this.id = id;
            this.faculty = faculty;
            this.email = email;
            this.firstName = firstName;
            this.lastName = lastName;
            this.ownerId = ownerId;
        }
    }

    private static final Pattern ASSOC = Pattern.compile("/crm/v4/objects/deals/([^/]+)/associations/contacts");
    private static final Pattern BATCH = Pattern.compile("/crm/v3/objects/(deals|contacts)/batch/(read|update)");
    private static final Pattern OBJECT = Pattern.compile("/crm/v3/objects/(deals|contacts)/([^/?]+)");

    private final ObjectMapper json = new ObjectMapper();
    final List<Owner> owners;
    final Map<String, Deal> deals = new LinkedHashMap<>();
    final Map<String, Contact> contacts = new LinkedHashMap<>();
    final Set<String> sendIds = new HashSet<>();
    /** Subjects of the internal notices sent by e-mail. */
    final List<String> noticeSubjects = new ArrayList<>();
    final List<JsonNode> tasks = new ArrayList<>();
    final AtomicInteger patches = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();

    HubSpotPortal(List<Owner> owners) {
        this.owners = List.copyOf(owners);
    }

    @Override
    public String getName() {
        return "hubspot-portal";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        requests.incrementAndGet();
        Request r = event.getRequest();
        String path = r.getUrl().split("\\?")[0];
        try {
            JsonNode body = r.getBodyAsString() == null || r.getBodyAsString().isEmpty() ? null : json.readTree(r.getBodyAsString());
            if (!"Bearer demo-private-app-token".equals(r.getHeader("Authorization"))) {
                return error(401, "INVALID_AUTHENTICATION", "Authentication credentials not found.");
            }
            // HubSpot documents /crm/v3/owners/ and answers /crm/v3/owners as well.
            if (r.getMethod().getName().equals("GET") && path.matches("/crm/v3/owners/?")) return owners();
            if (r.getMethod().getName().equals("POST") && path.equals("/crm/v3/objects/deals/search")) return search(body);
            if (r.getMethod().getName().equals("POST") && path.equals("/crm/v3/objects/contacts/search")) return contactSearch(body);
            if (r.getMethod().getName().equals("POST") && path.equals("/crm/v4/associations/deals/contacts/batch/read")) {
                return batchAssociations(body);
            }
            if (r.getMethod().getName().equals("POST") && path.equals("/crm/v4/associations/contacts/deals/batch/read")) {
                return contactDeals(body);
            }
            Matcher batch = BATCH.matcher(path);
            if (r.getMethod().getName().equals("POST") && batch.matches()) return batch(batch.group(1), batch.group(2), body);
            Matcher assoc = ASSOC.matcher(path);
            if (r.getMethod().getName().equals("GET") && assoc.matches()) return associations(assoc.group(1));
            if (r.getMethod().getName().equals("POST") && path.equals("/crm/v3/objects/tasks")) {
                tasks.add(body);
                return ok(json.createObjectNode().put("id", String.valueOf(90_000 + tasks.size())));
            }
            if (r.getMethod().getName().equals("POST") && path.equals("/marketing/v3/transactional/single-email/send")) {
                boolean first = sendIds.add(body.path("message").path("sendId").asText());
                if (first && body.path("message").path("sendId").asText().startsWith("AVISO-CORREO:")) {
                    noticeSubjects.add(body.path("customProperties").path("subject").asText());
                }
                return ok(json.createObjectNode().put("statusId", "st-" + sendIds.size()).put("status", "COMPLETE")
                        .put("sendResult", first ? "SENT" : "IDEMPOTENT_IGNORE"));
            }
            Matcher object = OBJECT.matcher(path);
            if (object.matches()) return object(r.getMethod().getName(), object.group(1), object.group(2), body);
            return error(404, "OBJECT_NOT_FOUND", "no such endpoint " + path);
        } catch (IOException e) {
            return error(400, "VALIDATION_ERROR", "Invalid input JSON");
        }
    }

    private ResponseDefinition owners() {
        ObjectNode page = json.createObjectNode();
        ArrayNode results = page.putArray("results");
        for (Owner o : owners) {
            results.addObject().put("id", o.id()).put("email", o.email()).put("firstName", o.firstName())
                    .put("lastName", o.lastName()).put("archived", false);
        }
        return ok(page);
    }

    private ResponseDefinition search(JsonNode body) {
        long since = Long.parseLong(body.path("filterGroups").path(0).path("filters").path(0).path("value").asText("0"));
        int limit = Math.min(body.path("limit").asInt(10), 200);
        int after = body.hasNonNull("after") ? Integer.parseInt(body.get("after").asText()) : 0;
        List<Deal> matching = deals.values().stream().filter(d -> d.created.toEpochMilli() >= since)
                .sorted(java.util.Comparator.comparing(d -> d.created)).toList();
        ObjectNode page = json.createObjectNode().put("total", matching.size());
        ArrayNode results = page.putArray("results");
        for (Deal d : matching.subList(Math.min(after, matching.size()), Math.min(after + limit, matching.size()))) {
            results.add(deal(d));
        }
        if (after + limit < matching.size()) page.putObject("paging").putObject("next").put("after", String.valueOf(after + limit));
        return ok(page);
    }

    /** Contacts modified since the filter's time: the demo's contacts change only through the sync's owner updates. */
    private ResponseDefinition contactSearch(JsonNode body) {
        long since = Long.parseLong(body.path("filterGroups").path(0).path("filters").path(0).path("value").asText("0"));
        ObjectNode page = json.createObjectNode();
        ArrayNode results = page.putArray("results");
        contacts.values().stream().filter(c -> c.modified != null && c.modified.toEpochMilli() >= since).limit(100)
                .forEach(c -> results.add(contact(c).put("updatedAt", c.modified.toString())));
        page.put("total", results.size());
        return ok(page);
    }

    private ResponseDefinition contactDeals(JsonNode body) {
        ObjectNode response = json.createObjectNode().put("status", "COMPLETE");
        ArrayNode results = response.putArray("results");
        for (JsonNode in : body.path("inputs")) {
            String contactId = in.path("id").asText();
            ObjectNode r = results.addObject();
            r.putObject("from").put("id", contactId);
            ArrayNode to = r.putArray("to");
            deals.values().stream().filter(d -> d.contactIds.contains(contactId))
                    .forEach(d -> to.addObject().put("toObjectId", Long.parseLong(d.id)).putArray("associationTypes"));
        }
        return ok(response);
    }

    private ResponseDefinition associations(String dealId) {
        Deal d = deals.get(dealId);
        if (d == null) return error(404, "OBJECT_NOT_FOUND", "deal " + dealId + " not found");
        ObjectNode page = json.createObjectNode();
        ArrayNode results = page.putArray("results");
        for (String c : d.contactIds) {
            ObjectNode a = results.addObject().put("toObjectId", Long.parseLong(c));
            a.putArray("associationTypes").addObject().put("category", "HUBSPOT_DEFINED").put("typeId", 3);
        }
        return ok(page);
    }

    private ResponseDefinition batchAssociations(JsonNode body) {
        ObjectNode response = json.createObjectNode().put("status", "COMPLETE");
        ArrayNode results = response.putArray("results");
        for (JsonNode in : body.path("inputs")) {
            Deal d = deals.get(in.path("id").asText());
            if (d == null) continue;
            ObjectNode r = results.addObject();
            r.putObject("from").put("id", d.id);
            ArrayNode to = r.putArray("to");
            for (String c : d.contactIds) {
                ObjectNode a = to.addObject().put("toObjectId", Long.parseLong(c));
                a.putArray("associationTypes").addObject().put("category", "HUBSPOT_DEFINED").put("typeId", 3);
            }
        }
        return ok(response);
    }

    private ResponseDefinition batch(String type, String op, JsonNode body) {
        ObjectNode response = json.createObjectNode().put("status", "COMPLETE");
        ArrayNode results = response.putArray("results");
        for (JsonNode in : body.path("inputs")) {
            String id = in.path("id").asText();
            if (op.equals("update")) {
                String owner = in.path("properties").path("hubspot_owner_id").asText();
                if (type.equals("deals") && deals.containsKey(id)) deals.get(id).ownerId = owner;
                if (type.equals("contacts") && contacts.containsKey(id)) contacts.get(id).ownerId = owner;
                patches.incrementAndGet();
            }
            if (type.equals("deals") && deals.containsKey(id)) results.add(deal(deals.get(id)));
            if (type.equals("contacts") && contacts.containsKey(id)) results.add(contact(contacts.get(id)));
        }
        return ok(response);
    }

    private ResponseDefinition object(String method, String type, String id, JsonNode body) {
        if (type.equals("deals")) {
            Deal d = deals.get(id);
            if (d == null) return error(404, "OBJECT_NOT_FOUND", "deal " + id + " not found");
            if (method.equals("PATCH")) {
                d.ownerId = body.path("properties").path("hubspot_owner_id").asText();
                patches.incrementAndGet();
            }
            return ok(deal(d));
        }
        Contact c = contacts.get(id);
        if (c == null) return error(404, "OBJECT_NOT_FOUND", "contact " + id + " not found");
        if (method.equals("PATCH")) {
            c.ownerId = body.path("properties").path("hubspot_owner_id").asText();
            patches.incrementAndGet();
        }
        return ok(contact(c));
    }

    private ObjectNode contact(Contact c) {
        ObjectNode o = json.createObjectNode().put("id", c.id);
        ObjectNode p = o.putObject("properties");
        p.put("email", c.email).put("firstname", c.firstName).put("lastname", c.lastName).put("hubspot_owner_id", c.ownerId)
                .put("facultad", c.faculty);
        return o;
    }

    private ObjectNode deal(Deal d) {
        ObjectNode o = json.createObjectNode().put("id", d.id).put("createdAt", d.created.toString()).put("updatedAt", d.created.toString());
        ObjectNode p = o.putObject("properties");
        p.put("dealname", d.name).put("facultad", d.faculty).put("hubspot_owner_id", d.ownerId).put("createdate", d.created.toString())
                .put("hs_is_closed", "false");
        return o;
    }

    private ResponseDefinition ok(JsonNode body) {
        return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString()).build();
    }

    private ResponseDefinition error(int status, String category, String message) {
        ObjectNode e = json.createObjectNode().put("status", "error").put("message", message)
                .put("correlationId", java.util.UUID.randomUUID().toString()).put("category", category);
        return responseDefinition().withStatus(status).withHeader("Content-Type", "application/json").withBody(e.toString()).build();
    }
}
