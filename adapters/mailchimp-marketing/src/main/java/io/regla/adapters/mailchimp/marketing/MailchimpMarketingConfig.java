package io.regla.adapters.mailchimp.marketing;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach the Mailchimp Marketing API v3.
 *
 * @param apiKey         the API key, {@code <hex>-<dc>}; HTTP Basic password, never logged
 * @param baseUri        {@code https://<dc>.api.mailchimp.com/3.0} from the key's data-center suffix unless overridden
 * @param maxConnections simultaneous requests allowed; Mailchimp allows 10 per account and answers 429 beyond
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for an answer
 *
 * <p>No retry settings: every call is one attempt and the outbox's {@code RetryPolicy} retries.
 */
public record MailchimpMarketingConfig(String apiKey, URI baseUri, int maxConnections, Duration connectTimeout,
                                       Duration requestTimeout) {

    public static final String ENV_API_KEY = "MAILCHIMP_API_KEY";
    public static final String ENV_BASE_URL = "MAILCHIMP_BASE_URL";
    /** Mailchimp's documented cap on simultaneous connections per account. */
    public static final int ACCOUNT_CONNECTION_LIMIT = 10;

    public MailchimpMarketingConfig {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("Mailchimp API key is missing (set " + ENV_API_KEY + ")");
        }
        baseUri = baseUri == null ? URI.create("https://" + dataCenter(apiKey) + ".api.mailchimp.com/3.0") : stripSlash(baseUri);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
        connectTimeout = Objects.requireNonNullElse(connectTimeout, Duration.ofSeconds(5));
        requestTimeout = Objects.requireNonNullElse(requestTimeout, Duration.ofSeconds(30));
    }

    /** The data center is the key's suffix after the last {@code -} ({@code …-us14} → {@code us14}). */
    public static String dataCenter(String apiKey) {
        int dash = apiKey == null ? -1 : apiKey.lastIndexOf('-');
        String dc = dash < 0 ? "" : apiKey.substring(dash + 1);
        if (!dc.matches("[a-z]{2}[0-9]{1,3}")) {
            throw new IllegalArgumentException("Mailchimp API key has no data-center suffix (expected the form <key>-us14)");
        }
        return dc;
    }

    public static Builder builder(String apiKey) {
        return new Builder(apiKey);
    }

    /** Reads {@value #ENV_API_KEY} (required) and {@value #ENV_BASE_URL}. */
    public static MailchimpMarketingConfig fromEnvironment(Map<String, String> env) {
        Builder b = builder(env.get(ENV_API_KEY));
        String base = env.get(ENV_BASE_URL);
        if (base != null && !base.isBlank()) {
            b.baseUri(URI.create(base));
        }
        return b.build();
    }

    public static MailchimpMarketingConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    private static URI stripSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }

    @Override
    public String toString() {
        return "MailchimpMarketingConfig[baseUri=" + baseUri + ", apiKey=***, maxConnections=" + maxConnections
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + "]";
    }

    public static final class Builder {
        private final String apiKey;
        private URI baseUri;
        private int maxConnections = ACCOUNT_CONNECTION_LIMIT;
        private Duration connectTimeout;
        private Duration requestTimeout;

        private Builder(String apiKey) {
            this.apiKey = apiKey;
        }

        public Builder baseUri(URI uri) {
            this.baseUri = uri;
            return this;
        }

        public Builder maxConnections(int n) {
            this.maxConnections = n;
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

        public MailchimpMarketingConfig build() {
            return new MailchimpMarketingConfig(apiKey, baseUri, maxConnections, connectTimeout, requestTimeout);
        }
    }
}
