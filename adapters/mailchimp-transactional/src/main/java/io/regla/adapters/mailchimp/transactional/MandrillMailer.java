package io.regla.adapters.mailchimp.transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regla.api.PersonalData;
import io.regla.api.spi.DeliveryException;
import io.regla.api.spi.Mailer;
import io.regla.api.spi.OutgoingEmail;
import io.regla.api.spi.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sends through Mailchimp Transactional (Mandrill) {@code /messages/send-template}, one call per e-mail, no
 * retries (the outbox owns them).
 *
 * <p>Mandrill has no idempotency key, so every message carries the outbox key in its {@code metadata}
 * ({@value #META_KEY}), and {@link #lookup} finds it again through {@code /messages/search}. For that search to
 * work the account must index the {@value #META_KEY} custom metadata field (Settings → Custom Metadata), and
 * Mandrill indexes a message a few seconds after accepting it: reconcile an uncertain send after a short wait.
 */
public final class MandrillMailer implements Mailer {

    /** Metadata field carrying the outbox key; must be indexed in the Mandrill account for {@link #lookup}. */
    public static final String META_KEY = "regla_key";
    /** Metadata field carrying the business object (enrolment, deal) id. */
    public static final String META_SUBJECT = "regla_subject";
    /** Metadata field carrying the template name, so webhook events can be grouped by it. */
    public static final String META_TEMPLATE = "regla_template";

    private static final Logger log = LoggerFactory.getLogger(MandrillMailer.class);
    /** Mandrill exposes custom metadata to search as {@code u_<field>}. */
    static final String META_KEY_QUERY_FIELD = "u_" + META_KEY;
    /** Mandrill's documented cap on a message's metadata, as JSON. */
    static final int METADATA_LIMIT_BYTES = 250;
    private static final Set<String> ACCEPTED = Set.of("sent", "queued", "scheduled");
    private static final Set<String> REJECTED = Set.of("rejected", "invalid");

    private final MandrillConfig config;
    private final HttpClient http;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public MandrillMailer(MandrillConfig config) {
        this(config, HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .build(), Clock.systemUTC());
    }

    public MandrillMailer(MandrillConfig config, HttpClient http, Clock clock) {
        this.config = config;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "mandrill";
    }

    @Override
    public boolean idempotent() {
        return false;
    }

    @Override
    public SendResult send(OutgoingEmail email) {
        JsonNode response = post("/messages/send-template", sendTemplateBody(email));
        if (!response.isArray() || response.isEmpty()) {
            throw new DeliveryException("Mandrill send-template answered without a recipient status for key " + email.key(),
                    true, null, "EMPTY_RESPONSE", true, null);
        }
        JsonNode recipient = recipientResult((ArrayNode) response, email.to());
        String status = recipient.path("status").asText("");
        String id = recipient.path("_id").asText(null);
        SendResult result;
        if (ACCEPTED.contains(status)) {
            result = new SendResult(SendResult.Status.ACCEPTED, id, status);
        } else if (REJECTED.contains(status)) {
            String reason = recipient.path("reject_reason").asText(null);
            result = new SendResult(SendResult.Status.REJECTED, id, reason == null || reason.isBlank() ? status : reason);
        } else {
            throw new DeliveryException("Mandrill send-template answered unknown status '" + status + "' for key " + email.key(),
                    true, null, "UNKNOWN_STATUS", true, null);
        }
        log.debug("mandrill key={} template={} to={} -> {} {}", email.key(), email.template(),
                PersonalData.maskEmail(email.to()), result.status(), result.detail());
        return result;
    }

    /**
     * Searches the last {@link MandrillConfig#searchWindow()} of activity for the {@value #META_KEY} metadata
     * value. A message Mandrill rejected comes back as {@link SendResult.Status#REJECTED}; any other state
     * (sent, bounced, deferred ...) means Mandrill accepted it, so the outbox must not send again.
     */
    @Override
    public Optional<SendResult> lookup(String key) {
        ObjectNode body = json.createObjectNode();
        body.put("key", config.apiKey());
        body.put("query", META_KEY_QUERY_FIELD + ":\"" + escapePhrase(key) + "\"");
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        body.put("date_from", today.minusDays(config.searchWindow().toDays()).toString());
        body.put("date_to", today.toString());
        body.put("limit", 100);
        JsonNode response = post("/messages/search", body);
        SendResult found = null;
        for (JsonNode message : response) {
            // The search is a Lucene match; only an exact metadata value is the message we are after.
            if (!key.equals(message.path("metadata").path(META_KEY).asText(null))) {
                continue;
            }
            String state = message.path("state").asText("");
            SendResult candidate = "rejected".equals(state)
                    ? new SendResult(SendResult.Status.REJECTED, message.path("_id").asText(null), state)
                    : new SendResult(SendResult.Status.ACCEPTED, message.path("_id").asText(null), state);
            if (found == null || (!found.accepted() && candidate.accepted())) {
                found = candidate;
            }
        }
        return Optional.ofNullable(found);
    }

    ObjectNode sendTemplateBody(OutgoingEmail email) {
        ObjectNode body = json.createObjectNode();
        body.put("key", config.apiKey());
        body.put("template_name", email.template());
        body.putArray("template_content");
        ObjectNode message = body.putObject("message");
        if (config.fromEmail() != null) {
            message.put("from_email", config.fromEmail());
        }
        if (config.fromName() != null) {
            message.put("from_name", config.fromName());
        }
        ObjectNode to = message.putArray("to").addObject();
        to.put("email", email.to());
        to.put("type", "to");
        ArrayNode vars = message.putArray("global_merge_vars");
        new TreeMap<>(email.mergeFields()).forEach((name, value) -> vars.addObject().put("name", name).put("content", value));
        ArrayNode tags = message.putArray("tags");
        tags.add(email.template());
        config.tags().forEach(tags::add);
        message.set("metadata", metadata(email));
        message.put("track_opens", true);
        message.put("track_clicks", true);
        body.put("async", false);
        return body;
    }

    /**
     * The outbox key, and the subject and template when they fit: Mandrill keeps at most
     * {@value #METADATA_LIMIT_BYTES} bytes of JSON metadata per message, and the key is the part reconciliation needs.
     */
    private ObjectNode metadata(OutgoingEmail email) {
        ObjectNode metadata = json.createObjectNode();
        metadata.put(META_KEY, email.key());
        if (size(metadata) > METADATA_LIMIT_BYTES) {
            throw DeliveryException.permanent("METADATA_TOO_LARGE", "outbox key " + email.key() + " does not fit Mandrill's "
                    + METADATA_LIMIT_BYTES + "-byte metadata limit");
        }
        if (email.subjectId() != null) {
            metadata.put(META_SUBJECT, email.subjectId());
            if (size(metadata) > METADATA_LIMIT_BYTES) {
                metadata.remove(META_SUBJECT);
            }
        }
        metadata.put(META_TEMPLATE, email.template());
        if (size(metadata) > METADATA_LIMIT_BYTES) {
            metadata.remove(META_TEMPLATE);
        }
        return metadata;
    }

    private int size(ObjectNode node) {
        return write(node).length;
    }

    private JsonNode recipientResult(ArrayNode response, String to) {
        for (JsonNode r : response) {
            if (to.toLowerCase(Locale.ROOT).equals(r.path("email").asText("").toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        return response.get(0);
    }

    private JsonNode post(String path, ObjectNode body) {
        String call = path.substring(1);
        HttpRequest request = HttpRequest.newBuilder(config.endpoint(path))
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(write(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw MandrillErrors.fromIo(call, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("Mandrill " + call + " interrupted", true, null, "INTERRUPTED", true, e);
        }
        if (response.statusCode() != 200) {
            throw MandrillErrors.fromResponse(call, response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After"), json);
        }
        try {
            JsonNode node = json.readTree(response.body());
            if (node == null || (node.isObject() && "error".equals(node.path("status").asText()))) {
                throw MandrillErrors.fromResponse(call, response.statusCode(), response.body(), Optional.empty(), json);
            }
            return node;
        } catch (IOException e) {
            throw new DeliveryException("Mandrill " + call + " answered unreadable JSON", true, null, "BAD_RESPONSE", true, e);
        }
    }

    private byte[] write(ObjectNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a Mandrill request", e);
        }
    }

    /** Inside a Lucene phrase only the quote and the backslash need escaping. */
    static String escapePhrase(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "MandrillMailer[" + config + "]";
    }
}
