package io.regla.adapters.mailchimp.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.regla.adapters.mailchimp.marketing.MailchimpMarketingClient;
import io.regla.api.spi.DeliveryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Mailchimp reads for a sync, which has no outbox to retry for it: a 429 waits its {@code Retry-After} (Mailchimp
 * rarely sends one; then 1 s, 2 s, 4 s ... up to 60 s) and a 5xx or a lost answer backs off the same way, up to
 * {@code attempts} tries in all. A 401, 403, 404 or other 4xx fails at once: waiting would not change the answer.
 */
public final class PatientReader {

    private static final Logger log = LoggerFactory.getLogger(PatientReader.class);
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    /** How a reader waits; tests record the waits instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final MailchimpMarketingClient client;
    private final int attempts;
    private final Sleeper sleeper;

    public PatientReader(MailchimpMarketingClient client, int attempts, Sleeper sleeper) {
        this.client = Objects.requireNonNull(client, "client");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        this.attempts = attempts;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public PatientReader(MailchimpMarketingClient client) {
        this(client, 6, d -> Thread.sleep(d.toMillis()));
    }

    /** The JSON of {@code GET pathAndQuery}, retried as described. */
    public JsonNode read(String operation, String pathAndQuery) {
        return patiently(operation, () -> client.read(operation, pathAndQuery));
    }

    /** As {@link #read}, but empty when Mailchimp answers 404 (no such resource or endpoint) instead of failing. */
    public Optional<JsonNode> readIfFound(String operation, String pathAndQuery) {
        return patiently(operation, () -> client.readIfFound(operation, pathAndQuery));
    }

    private <T> T patiently(String operation, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (DeliveryException e) {
                if (!e.retryable() || attempt >= attempts) {
                    throw e;
                }
                Duration wait = e.retryAfter() != null ? min(e.retryAfter(), MAX_WAIT)
                        : min(Duration.ofSeconds(1L << Math.min(attempt - 1, 6)), MAX_WAIT);
                log.info("mailchimp {}: {} (attempt {}/{}), waiting {}", operation, e.code(), attempt, attempts, wait);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
