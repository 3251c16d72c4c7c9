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
 * One HubSpot REST call with HubSpot's error contract: a JSON error body ({@code status:"error", message,
 * correlationId, category}) becomes a {@link HubSpotException}; 429 waits the
 * {@code X-HubSpot-RateLimit-Interval-Milliseconds} window and 5xx backs off exponentially, up to
 * {@link HubSpotConfig#maxAttempts()}; other 4xx ({@code VALIDATION_ERROR}, {@code OBJECT_NOT_FOUND}) are
 * permanent at once. The token travels only in the {@code Authorization} header and is never logged.
 */
public final class HubSpotHttp {

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(HubSpotHttp.class);
    static final String RATE_LIMIT_INTERVAL = "X-HubSpot-RateLimit-Interval-Milliseconds";

    private final HubSpotConfig config;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final ObjectMapper json = new ObjectMapper();

    public HubSpotHttp(HubSpotConfig config) {
        this(config, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.connectTimeout()).build(),
                d -> Thread.sleep(d.toMillis()));
    }

    public HubSpotHttp(HubSpotConfig config, HttpClient http, Sleeper sleeper) {
        this.config = config;
        this.http = http;
        this.sleeper = sleeper;
    }

    public ObjectMapper json() {
        return json;
    }

    /** A call retried on 429 and 5xx (CRM reads and idempotent writes). */
    public JsonNode call(String method, String pathAndQuery, JsonNode body) {
        return call(method, pathAndQuery, body, config.maxAttempts());
    }

    /** A single attempt: failures come back as {@link HubSpotException} saying whether a retry may help. */
    public JsonNode once(String method, String pathAndQuery, JsonNode body) {
        return call(method, pathAndQuery, body, 1);
    }

    private JsonNode call(String method, String pathAndQuery, JsonNode body, int attempts) {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(method, pathAndQuery, body);
            } catch (HubSpotException e) {
                if (!e.retryable() || attempt >= attempts) throw e;
                Duration wait = e.retryAfter() != null ? e.retryAfter() : Duration.ofMillis(250L << Math.min(attempt - 1, 6));
                if (wait.compareTo(config.maxWait()) > 0) throw e;
                log.warn("HubSpot {} {} failed ({} {}, correlationId={}); attempt {} of {} in {} ms", method, path(pathAndQuery),
                        e.status(), e.category(), e.correlationId(), attempt + 1, attempts, wait.toMillis());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private JsonNode attempt(String method, String pathAndQuery, JsonNode body) {
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
            // No answer: HubSpot may have acted (a write) or not; retrying a GET or an idempotent write is safe.
            throw new HubSpotException("HubSpot " + method + " " + path(pathAndQuery) + " got no answer: " + e.getMessage(),
                    0, "NETWORK", null, true, null, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubSpotException("HubSpot " + method + " " + path(pathAndQuery) + " interrupted", 0, "INTERRUPTED",
                    null, true, null, true, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            if (response.body() == null || response.body().isBlank()) return json.nullNode();
            try {
                return json.readTree(response.body());
            } catch (IOException e) {
                throw new HubSpotException("HubSpot " + method + " " + path(pathAndQuery) + " answered unreadable JSON",
                        status, "BAD_RESPONSE", null, true, null, true, e);
            }
        }
        throw error(method, pathAndQuery, status, response.body(), response.headers().firstValue(RATE_LIMIT_INTERVAL));
    }

    HubSpotException error(String method, String pathAndQuery, int status, String body, Optional<String> interval) {
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
            return new HubSpotException(text, status, category, correlationId, true, null, true, null);
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
