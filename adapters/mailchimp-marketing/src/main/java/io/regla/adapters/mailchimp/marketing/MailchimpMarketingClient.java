package io.regla.adapters.mailchimp.marketing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regla.api.PersonalData;
import io.regla.api.spi.DeliveryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

/**
 * The Mailchimp Marketing API v3 calls Regla needs: member upsert, tags, Customer Journey trigger, member status.
 *
 * <p>Thread-safe; share one instance per Mailchimp account: its semaphore keeps at most
 * {@link MailchimpMarketingConfig#maxConnections()} requests in flight (Mailchimp answers 429 past 10 per account).
 * That is concurrency limiting, not retrying: every call is one HTTP attempt, and this client never sleeps or
 * retries. A failure comes out as a {@link DeliveryException} classified for the outbox's {@code RetryPolicy},
 * which owns retries and backoff: 429 and 5xx retryable (a 429's {@code Retry-After} passed on when Mailchimp sends
 * one, which it usually does not: the policy then backs off on its own), no answer retryable and uncertain unless
 * the connection was never made, other 4xx permanent.
 */
public final class MailchimpMarketingClient {

    private static final Logger log = LoggerFactory.getLogger(MailchimpMarketingClient.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");

    private final MailchimpMarketingConfig config;
    private final HttpClient http;
    private final Semaphore connections;
    private final String authorization;
    private final ObjectMapper json = new ObjectMapper();

    public MailchimpMarketingClient(MailchimpMarketingConfig config) {
        this(config, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.connectTimeout()).build());
    }

    MailchimpMarketingClient(MailchimpMarketingConfig config, HttpClient http) {
        this.config = config;
        this.http = http;
        this.connections = new Semaphore(config.maxConnections(), true);
        // Any user name works; the key is the password.
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString(("regla:" + config.apiKey()).getBytes(StandardCharsets.UTF_8));
    }

    /** Mailchimp's member id: the MD5 hex of the lower-cased address. */
    public static String subscriberHash(String email) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(email.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is unavailable", e);
        }
    }

    /**
     * Adds or updates a member with {@code PUT /lists/{list_id}/members/{subscriber_hash}}. Sends {@code status_if_new},
     * and {@code status} only when {@link MemberUpsert#status()} asks to overwrite it. Tags are not sent here:
     * Mailchimp ignores them on PUT (use {@link #updateTags}).
     *
     * @return upserted with the member's status, or the compliance state or invalid address that refused it
     * @throws DeliveryException for any other failure
     */
    public MemberResult upsertMember(String listId, MemberUpsert member) {
        String hash = subscriberHash(member.email());
        ObjectNode body = json.createObjectNode();
        body.put("email_address", member.email());
        body.put("status_if_new", member.statusIfNew().wire());
        if (member.status() != null) {
            body.put("status", member.status().wire());
        }
        if (!member.mergeFields().isEmpty()) {
            ObjectNode merge = body.putObject("merge_fields");
            new TreeMap<>(member.mergeFields()).forEach(merge::put);
        }
        if (member.language() != null) {
            body.put("language", member.language());
        }
        String path = "/lists/" + id("list_id", listId) + "/members/" + hash;
        Reply reply = exchange("upsert member", "PUT", path, body);
        MemberResult result;
        if (reply.ok()) {
            result = new MemberResult(MemberResult.Outcome.UPSERTED, ContactStatus.fromWire(reply.json(json).path("status").asText(null)),
                    hash, null);
        } else if (reply.problem(json).isComplianceState()) {
            // The 400 does not say which state; the member record does.
            ContactStatus blocked = memberStatus(listId, member.email())
                    .filter(s -> s == ContactStatus.UNSUBSCRIBED || s == ContactStatus.CLEANED)
                    .orElse(ContactStatus.UNSUBSCRIBED);
            result = new MemberResult(MemberResult.Outcome.IN_COMPLIANCE_STATE, blocked, hash, reply.problem(json).describe());
        } else if (reply.problem(json).isInvalidAddress()) {
            result = new MemberResult(MemberResult.Outcome.INVALID_ADDRESS, null, hash, reply.problem(json).describe());
        } else {
            throw failure("upsert member", reply);
        }
        log.debug("mailchimp upsert list={} member={} -> {} {}", listId, PersonalData.maskEmail(member.email()),
                result.outcome(), result.status());
        return result;
    }

    /**
     * The member's status from {@code GET /lists/{list_id}/members/{subscriber_hash}}, or empty if the audience
     * does not have them.
     */
    public Optional<ContactStatus> memberStatus(String listId, String email) {
        String path = "/lists/" + id("list_id", listId) + "/members/" + subscriberHash(email) + "?fields=status";
        Reply reply = exchange("read member", "GET", path, null);
        if (reply.status() == 404) {
            return Optional.empty();
        }
        if (!reply.ok()) {
            throw failure("read member", reply);
        }
        return Optional.of(ContactStatus.fromWire(reply.json(json).path("status").asText(null)));
    }

    /** Adds and removes tags with {@code POST /lists/{list_id}/members/{subscriber_hash}/tags} (an array, as Mailchimp requires). */
    public void updateTags(String listId, String email, List<TagChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        ObjectNode body = json.createObjectNode();
        ArrayNode tags = body.putArray("tags");
        changes.forEach(t -> tags.addObject().put("name", t.name()).put("status", t.active() ? "active" : "inactive"));
        Reply reply = exchange("update tags", "POST", "/lists/" + id("list_id", listId) + "/members/" + subscriberHash(email) + "/tags", body);
        if (!reply.ok()) {
            throw failure("update tags", reply);
        }
    }

    /**
     * Starts a Customer Journey step for a contact ({@code POST /customer-journeys/journeys/{journey_id}/steps/{step_id}/actions/trigger}),
     * how the survey is sent. The contact must already be in the journey's audience.
     */
    public void triggerJourney(String journeyId, String stepId, String email) {
        ObjectNode body = json.createObjectNode();
        body.put("email_address", email);
        String path = "/customer-journeys/journeys/" + id("journey_id", journeyId) + "/steps/" + id("step_id", stepId) + "/actions/trigger";
        Reply reply = exchange("trigger journey", "POST", path, body);
        if (!reply.ok()) {
            throw failure("trigger journey", reply);
        }
        log.debug("mailchimp journey={} step={} triggered for {}", journeyId, stepId, PersonalData.maskEmail(email));
    }

    /**
     * Whether the audience has a tag named exactly {@code name} ({@code GET /lists/{list_id}/tag-search?name=}, which
     * matches names by prefix: the exact name is picked out of the answer).
     */
    public boolean tagExists(String listId, String name) {
        String path = "/lists/" + id("list_id", listId) + "/tag-search?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        Reply reply = exchange("search tags", "GET", path, null);
        if (!reply.ok()) {
            throw failure("search tags", reply);
        }
        for (JsonNode tag : reply.json(json).path("tags")) {
            if (name.equals(tag.path("name").asText(null))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A read ({@code GET}) of any Marketing API path with its query, for the audience and report readers. One
     * attempt, failures classified as for the writes: 429 (with its {@code Retry-After} if sent) and 5xx retryable,
     * 401, 403, 404 and other 4xx permanent, each a {@link DeliveryException} whose message names the operation and
     * Mailchimp's problem title and detail (addresses masked).
     *
     * @param pathAndQuery such as {@code /lists/abc/members?count=1000&offset=0}
     */
    public JsonNode read(String operation, String pathAndQuery) {
        Reply reply = exchange(operation, "GET", pathAndQuery, null);
        if (!reply.ok()) {
            throw failure(operation, reply);
        }
        return reply.json(json);
    }

    /**
     * The JSON of {@code GET pathAndQuery}, or empty when Mailchimp answers 404 ("Resource Not Found": no such
     * campaign, or no such endpoint); any other failure as {@link #read}.
     */
    public java.util.Optional<JsonNode> readIfFound(String operation, String pathAndQuery) {
        Reply reply = exchange(operation, "GET", pathAndQuery, null);
        if (reply.status() == 404) {
            return java.util.Optional.empty();
        }
        if (!reply.ok()) {
            throw failure(operation, reply);
        }
        return java.util.Optional.of(reply.json(json));
    }

    /** A Mailchimp id as a path segment, refused unless letters, digits, '_' or '-' (no path tricks). */
    public static String pathId(String field, String value) {
        return id(field, value);
    }

    private Reply exchange(String operation, String method, String path, ObjectNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create(config.baseUri() + path))
                .timeout(config.requestTimeout())
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(write(body)));
        }
        HttpResponse<String> response = sendLimited(operation, request.build());
        if (response.statusCode() == 429) {
            Problem problem = Problem.parse(429, response.body(), json);
            Duration retryAfter = retryAfter(response.headers().firstValue("Retry-After"));
            log.debug("mailchimp {}: 429, retry after {}", operation, retryAfter == null ? "the outbox's backoff" : retryAfter);
            throw new DeliveryException("Mailchimp " + operation + ": rate-limited: " + problem.describe(), true, retryAfter,
                    "429", false, null);
        }
        return new Reply(response.statusCode(), response.body());
    }

    /** One HTTP exchange holding one of the account's connection permits. */
    private HttpResponse<String> sendLimited(String operation, HttpRequest request) {
        try {
            connections.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("Mailchimp " + operation + " interrupted", true, null, "INTERRUPTED", false, e);
        }
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            boolean neverSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
            String code = neverSent ? "CONNECT" : e instanceof HttpTimeoutException ? "TIMEOUT" : "IO";
            throw new DeliveryException("Mailchimp " + operation + ": " + (neverSent ? "cannot connect" : "no answer")
                    + " (" + e.getClass().getSimpleName() + ")", true, null, code, !neverSent, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("Mailchimp " + operation + " interrupted", true, null, "INTERRUPTED", true, e);
        } finally {
            connections.release();
        }
    }

    /** A {@code Retry-After} in seconds (the only form Mailchimp would send), or null when absent or unreadable. */
    static Duration retryAfter(Optional<String> header) {
        try {
            return header.map(h -> Duration.ofSeconds(Long.parseLong(h.trim()))).filter(d -> !d.isNegative()).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private DeliveryException failure(String operation, Reply reply) {
        Problem problem = reply.problem(json);
        String message = "Mailchimp " + operation + " failed: " + problem.describe();
        if (reply.status() >= 500) {
            return DeliveryException.retryable(problem.title(), message, null);
        }
        return DeliveryException.permanent(problem.title(), message);
    }

    private static String id(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException("Mailchimp " + field + " must be letters, digits, '_' or '-', was '" + value + "'");
        }
        return value;
    }

    private byte[] write(ObjectNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a Mailchimp request", e);
        }
    }

    /** Permits free right now (for tests and metrics). */
    int availableConnections() {
        return connections.availablePermits();
    }

    @Override
    public String toString() {
        return "MailchimpMarketingClient[" + config + "]";
    }

    private record Reply(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json(ObjectMapper mapper) {
            try {
                return mapper.readTree(body);
            } catch (IOException e) {
                throw new DeliveryException("Mailchimp answered unreadable JSON (HTTP " + status + ")", true, null, "BAD_RESPONSE", false, e);
            }
        }

        Problem problem(ObjectMapper mapper) {
            return Problem.parse(status, body, mapper);
        }
    }
}
