package io.regla.adapters.mailchimp.transactional;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach Mailchimp Transactional (Mandrill).
 *
 * @param apiKey         the Transactional API key; sent in each request body, never logged
 * @param baseUri        {@code https://mandrillapp.com/api/1.0} unless overridden (tests, proxies)
 * @param fromEmail      sender address, or null to use the template's default
 * @param fromName       sender name, or null to use the template's default
 * @param tags           extra tags on every message (the template name is always added)
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for an answer; past it a send is uncertain
 * @param searchWindow   how far back {@code lookup} searches (Mandrill keeps message details 30 days)
 */
public record MandrillConfig(String apiKey, URI baseUri, String fromEmail, String fromName, List<String> tags,
                             Duration connectTimeout, Duration requestTimeout, Duration searchWindow) {

    public static final URI DEFAULT_BASE_URI = URI.create("https://mandrillapp.com/api/1.0");
    public static final String ENV_API_KEY = "MANDRILL_API_KEY";
    public static final String ENV_BASE_URL = "MANDRILL_BASE_URL";
    public static final String ENV_FROM_EMAIL = "MANDRILL_FROM_EMAIL";
    public static final String ENV_FROM_NAME = "MANDRILL_FROM_NAME";

    public MandrillConfig {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("Mandrill API key is missing (set " + ENV_API_KEY + ")");
        }
        baseUri = stripTrailingSlash(Objects.requireNonNullElse(baseUri, DEFAULT_BASE_URI));
        tags = tags == null ? List.of() : List.copyOf(tags);
        connectTimeout = Objects.requireNonNullElse(connectTimeout, Duration.ofSeconds(5));
        requestTimeout = Objects.requireNonNullElse(requestTimeout, Duration.ofSeconds(30));
        searchWindow = Objects.requireNonNullElse(searchWindow, Duration.ofDays(30));
    }

    public static Builder builder(String apiKey) {
        return new Builder(apiKey);
    }

    /** Reads {@value #ENV_API_KEY} (required), {@value #ENV_BASE_URL}, {@value #ENV_FROM_EMAIL}, {@value #ENV_FROM_NAME}. */
    public static MandrillConfig fromEnvironment(Map<String, String> env) {
        Builder b = builder(env.get(ENV_API_KEY));
        if (env.get(ENV_BASE_URL) != null && !env.get(ENV_BASE_URL).isBlank()) {
            b.baseUri(URI.create(env.get(ENV_BASE_URL)));
        }
        return b.from(env.get(ENV_FROM_EMAIL), env.get(ENV_FROM_NAME)).build();
    }

    public static MandrillConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    URI endpoint(String path) {
        return URI.create(baseUri + path);
    }

    private static URI stripTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }

    /** The key stays out of logs and stack traces. */
    @Override
    public String toString() {
        return "MandrillConfig[baseUri=" + baseUri + ", apiKey=***, fromName=" + fromName + ", tags=" + tags + "]";
    }

    public static final class Builder {
        private final String apiKey;
        private URI baseUri;
        private String fromEmail;
        private String fromName;
        private List<String> tags = List.of();
        private Duration connectTimeout;
        private Duration requestTimeout;
        private Duration searchWindow;

        private Builder(String apiKey) {
            this.apiKey = apiKey;
        }

        public Builder baseUri(URI baseUri) {
            this.baseUri = baseUri;
            return this;
        }

        public Builder from(String email, String name) {
            this.fromEmail = email;
            this.fromName = name;
            return this;
        }

        public Builder tags(List<String> tags) {
            this.tags = tags;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder requestTimeout(Duration d) {
            this.requestTimeout = d;
            return this;
        }

        public Builder searchWindow(Duration d) {
            this.searchWindow = d;
            return this;
        }

        public MandrillConfig build() {
            return new MandrillConfig(apiKey, baseUri, fromEmail, fromName, tags, connectTimeout, requestTimeout, searchWindow);
        }
    }
}
