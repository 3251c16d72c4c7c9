package io.regla.adapters.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regla.api.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * One HubSpot REST call, exactly one HTTP attempt, with HubSpot's error contract: a JSON error body
 * ({@code status:"error", message, correlationId, category}) becomes a {@link HubSpotException} that classifies
 * the failure for whoever retries:
 * <ul>
 *   <li>429: retryable, {@code retryAfter} = {@code X-HubSpot-RateLimit-Interval-Milliseconds} (HubSpot sends no
 *       {@code Retry-After}); a spent daily allowance asks for an hour;</li>
 *   <li>5xx and no answer at all: retryable, and uncertain (HubSpot may have acted) only for a call that is not
 *       idempotent ({@link #callNonIdempotent}); a read or idempotent write ({@link #callIdempotent}) is safe to
 *       repeat as it is;</li>
 *   <li>other 4xx ({@code VALIDATION_ERROR}, {@code OBJECT_NOT_FOUND}, {@code INVALID_AUTHENTICATION}): permanent.</li>
 * </ul>
 * <p>This client never sleeps and never retries (issue 8, "one resilience policy"): the outbox's
 * {@code RetryPolicy} retries deliveries (backoff, jitter, the retry-after as a floor, lookup before resending an
 * uncertain send), and a poller such as {@code AdvisingSync} ends its run and starts over on the next one.
 * The token travels only in the {@code Authorization} header and is never logged.
 */
public final class HubSpotHttp {

    private static final Logger log = LoggerFactory.getLogger(HubSpotHttp.class);
    static final String RATE_LIMIT_INTERVAL = "X-HubSpot-RateLimit-Interval-Milliseconds";

    private final HubSpotConfig config;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public HubSpotHttp(HubSpotConfig config) {
        this(config, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.connectTimeout()).build());
    }

    public HubSpotHttp(HubSpotConfig config, HttpClient http) {
        this.config = config;
        this.http = http;
    }

    public ObjectMapper json() {
        return json;
    }

    /**
     * One attempt at a read or an idempotent write (GET, search, batch read, PATCH, batch update): repeating it
     * changes nothing more, so a failure without an answer is retryable and not uncertain.
     */
    public JsonNode callIdempotent(String method, String pathAndQuery, JsonNode body) {
        return attempt(method, pathAndQuery, body, false);
    }

    /**
     * One attempt at a write that is not idempotent (task create, e-mail send): a failure without an answer, or a
     * 5xx, may come after HubSpot acted, so it is uncertain and its caller reconciles (lookup, {@code sendId})
     * before sending again.
     */
    public JsonNode callNonIdempotent(String method, String pathAndQuery, JsonNode body) {
        return attempt(method, pathAndQuery, body, true);
    }

    private JsonNode attempt(String method, String pathAndQuery, JsonNode body, boolean mayHaveActed) {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.endpoint(pathAndQuery))
                .timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + config.token())
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(write(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // No answer: HubSpot may have acted (a write) or not; repeating a read or an idempotent write is safe.
            log.debug("HubSpot {} {} got no answer ({})", method, path(pathAndQuery), e.getClass().getSimpleName());
            throw new HubSpotException("HubSpot " + method + " " + path(pathAndQuery) + " got no answer: " + e.getMessage(),
                    0, "NETWORK", null, true, null, mayHaveActed, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubSpotException("HubSpot " + method + " " + path(pathAndQuery) + " interrupted", 0, "INTERRUPTED",
                    null, true, null, mayHaveActed, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            if (response.body() == null || response.body().isBlank()) return json.nullNode();
            try {
                return json.readTree(response.body());
            } catch (IOException e) {
                throw new HubSpotException("HubSpot " + method + " " + path(pathAndQuery) + " answered unreadable JSON",
                        status, "BAD_RESPONSE", null, true, null, mayHaveActed, e);
            }
        }
        throw error(method, pathAndQuery, status, response.body(), response.headers().firstValue(RATE_LIMIT_INTERVAL), mayHaveActed);
    }

    HubSpotException error(String method, String pathAndQuery, int status, String body, Optional<String> interval,
                           boolean mayHaveActed) {
        JsonNode err = null;
        try {
            err = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (IOException ignored) {
            // not JSON (a proxy's HTML page): the status alone decides
        }
        String category = text(err, "category");
        if (category == null && status == 429) category = text(err, "errorType");
        if (category == null) category = status == 429 ? "RATE_LIMIT" : "HTTP_" + status;
        String message = PersonalData.maskEmailsIn(text(err, "message"));
        String correlationId = text(err, "correlationId");
        String where = "HubSpot " + method + " " + path(pathAndQuery);
        String text = where + " -> " + status + " " + category + (message == null ? "" : ": " + message)
                + (correlationId == null ? "" : " (correlationId " + correlationId + ")");
        if (status == 429) {
            String policy = text(err, "policyName");
            if ("DAILY".equalsIgnoreCase(policy)) {
                // The daily allowance is gone: waiting seconds will not help; the outbox tries again later.
                return new HubSpotException(text, status, category, correlationId, true, Duration.ofHours(1), false, null);
            }
            Duration wait = interval.map(HubSpotHttp::millis).orElse(Duration.ofSeconds(10));
            return new HubSpotException(text, status, category, correlationId, true, wait, false, null);
        }
        if (status >= 500) {
            // A gateway's 502/504 can come after HubSpot created the object.
            return new HubSpotException(text, status, category, correlationId, true, null, mayHaveActed, null);
        }
        return new HubSpotException(text, status, category, correlationId, false, null, false, null);
    }

    private static Duration millis(String header) {
        try {
            return Duration.ofMillis(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(10);
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.hasNonNull(field)) return null;
        return node.get(field).asText();
    }

    /** The path without the query (which may hold e-mail addresses). */
    private static String path(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    private byte[] write(JsonNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a HubSpot request", e);
        }
    }
}
