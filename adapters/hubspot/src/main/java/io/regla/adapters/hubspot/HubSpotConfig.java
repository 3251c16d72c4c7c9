package io.regla.adapters.hubspot;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach HubSpot.
 *
 * @param token          the private-app access token, sent as {@code Authorization: Bearer}; never logged
 *                       ({@link #toString()} leaves it out)
 * @param baseUri        {@code https://api.hubapi.com} unless overridden (tests, proxies)
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for an answer
 *
 * <p>No retry settings: every call is one attempt ({@link HubSpotHttp}); the outbox's retry policy, or the next
 * poll, retries.
 */
public record HubSpotConfig(String token, URI baseUri, Duration connectTimeout, Duration requestTimeout) {

    public static final URI DEFAULT_BASE_URI = URI.create("https://api.hubapi.com");
    public static final String ENV_TOKEN = "HUBSPOT_TOKEN";
    public static final String ENV_BASE_URL = "HUBSPOT_BASE_URL";

    public HubSpotConfig {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("HubSpot private-app token is missing (set " + ENV_TOKEN + ")");
        }
        String base = Objects.requireNonNullElse(baseUri, DEFAULT_BASE_URI).toString();
        baseUri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        connectTimeout = Objects.requireNonNullElse(connectTimeout, Duration.ofSeconds(5));
        requestTimeout = Objects.requireNonNullElse(requestTimeout, Duration.ofSeconds(30));
    }

    public static HubSpotConfig of(String token) {
        return new HubSpotConfig(token, null, null, null);
    }

    public HubSpotConfig withBaseUri(URI uri) {
        return new HubSpotConfig(token, uri, connectTimeout, requestTimeout);
    }

    /** Reads {@value #ENV_TOKEN} (required) and {@value #ENV_BASE_URL}. */
    public static HubSpotConfig fromEnvironment(Map<String, String> env) {
        String base = env.get(ENV_BASE_URL);
        return new HubSpotConfig(env.get(ENV_TOKEN), base == null || base.isBlank() ? null : URI.create(base), null, null);
    }

    public static HubSpotConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    URI endpoint(String pathAndQuery) {
        return URI.create(baseUri + pathAndQuery);
    }

    @Override
    public String toString() {
        return "HubSpotConfig[baseUri=" + baseUri + ", token=***, connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + "]";
    }
}
