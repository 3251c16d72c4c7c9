package io.regla.adapters.mailchimp.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regla.adapters.mailchimp.transactional.MandrillMailer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Mandrill webhook calls, without the HTTP server: checks {@value #SIGNATURE_HEADER} and reads the
 * {@value #EVENTS_FIELD} form field into {@link MandrillEvent}s.
 *
 * <p>Mandrill signs a call with base64(HMAC-SHA1(webhook key, webhook URL followed by every POST field name
 * and value, names sorted)). The URL must be exactly the one registered in Mandrill (scheme, host, path and
 * query), not what the server behind a proxy sees.
 *
 * <p>For the HTTP endpoint built on this: Mandrill checks a new webhook URL with an unsigned {@code HEAD} request
 * (answer 200), posts {@code mandrill_events=[]} when one clicks "send test", and retries a batch that is not
 * answered 2xx. So answer 2xx only once the events are recorded, 401 for {@code BAD_SIGNATURE} and 400 for
 * {@code MALFORMED}; record events idempotently (by message id, event and ts), since retried batches repeat them.
 */
public final class MandrillWebhook {

    public static final String SIGNATURE_HEADER = "X-Mandrill-Signature";
    public static final String EVENTS_FIELD = "mandrill_events";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretKeySpec key;
    private final String webhookUrl;

    /**
     * @param webhookKey the key Mandrill shows for this webhook (not the API key)
     * @param webhookUrl the URL registered in Mandrill
     */
    public MandrillWebhook(String webhookKey, String webhookUrl) {
        if (webhookKey == null || webhookKey.isEmpty()) {
            throw new IllegalArgumentException("Mandrill webhook key is missing");
        }
        this.key = new SecretKeySpec(webhookKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1");
        this.webhookUrl = Objects.requireNonNull(webhookUrl, "webhookUrl");
    }

    /** The signature Mandrill sends for these form fields. */
    public String sign(Map<String, String> formFields) {
        StringBuilder signed = new StringBuilder(webhookUrl);
        new TreeMap<>(formFields).forEach((name, value) -> signed.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is unavailable", e);
        }
    }

    /** Compares in constant time, so the answer's timing tells an attacker nothing about the right signature. */
    public boolean verify(Map<String, String> formFields, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return false;
        }
        byte[] expected = sign(formFields).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signatureHeader.trim().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Verifies and parses one webhook call.
     *
     * @throws WebhookRejectedException {@code BAD_SIGNATURE} or {@code MALFORMED}
     */
    public List<MandrillEvent> receive(Map<String, String> formFields, String signatureHeader) {
        if (!verify(formFields, signatureHeader)) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.BAD_SIGNATURE,
                    "Mandrill webhook: " + SIGNATURE_HEADER + " does not match (check the webhook key and URL " + webhookUrl + ")");
        }
        String events = formFields.get(EVENTS_FIELD);
        if (events == null) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.MALFORMED,
                    "Mandrill webhook: form field '" + EVENTS_FIELD + "' is missing");
        }
        return parseEvents(events);
    }

    /** Decodes an {@code application/x-www-form-urlencoded} body; a field given twice is refused. */
    public static Map<String, String> parseForm(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (fields.putIfAbsent(name, value) != null) {
                throw new WebhookRejectedException(WebhookRejectedException.Reason.MALFORMED,
                        "Mandrill webhook: form field '" + name + "' appears twice");
            }
        }
        return fields;
    }

    /**
     * Reads the JSON array of {@value #EVENTS_FIELD}. Sync events (rejection-list changes, which carry
     * {@code type} instead of {@code event}) are skipped: they concern no message.
     *
     * @throws WebhookRejectedException {@code MALFORMED}, naming the event index and field
     */
    public static List<MandrillEvent> parseEvents(String eventsJson) {
        JsonNode array;
        try {
            array = JSON.readTree(eventsJson);
        } catch (JsonProcessingException e) {
            throw malformed(EVENTS_FIELD + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (array == null || !array.isArray()) {
            throw malformed(EVENTS_FIELD + " is not a JSON array");
        }
        List<MandrillEvent> events = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode e = array.get(i);
            String where = EVENTS_FIELD + "[" + i + "]";
            if (!e.isObject()) {
                throw malformed(where + " is not an object");
            }
            if (!e.hasNonNull("event") && e.hasNonNull("type")) {
                continue;
            }
            events.add(parseEvent(e, where));
        }
        return events;
    }

    private static MandrillEvent parseEvent(JsonNode e, String where) {
        String event = text(e, "event");
        if (event == null) {
            throw malformed(where + ": field 'event' is missing");
        }
        JsonNode ts = e.get("ts");
        if (ts == null || !ts.canConvertToLong()) {
            throw malformed(where + ": field 'ts' is missing or not a number of seconds");
        }
        JsonNode msg = e.path("msg");
        String messageId = text(msg, "_id") != null ? text(msg, "_id") : text(e, "_id");
        if (messageId == null) {
            throw malformed(where + ": field 'msg._id' (or '_id') is missing");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = msg.path("metadata").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isNull()) {
                metadata.put(field.getKey(), field.getValue().asText());
            }
        }
        List<String> tags = new ArrayList<>();
        msg.path("tags").forEach(t -> tags.add(t.asText()));
        String template = metadata.getOrDefault(MandrillMailer.META_TEMPLATE, text(msg, "template"));
        return new MandrillEvent(event, Instant.ofEpochSecond(ts.asLong()), messageId, text(msg, "email"), template, tags,
                metadata.get(MandrillMailer.META_KEY), metadata.get(MandrillMailer.META_SUBJECT), text(e, "url"), metadata);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    private static WebhookRejectedException malformed(String message) {
        return new WebhookRejectedException(WebhookRejectedException.Reason.MALFORMED, "Mandrill webhook: " + message);
    }

    private static WebhookRejectedException malformed(String message, Throwable cause) {
        return new WebhookRejectedException(WebhookRejectedException.Reason.MALFORMED, "Mandrill webhook: " + message, cause);
    }
}
