package io.regla.core.outbox;

import io.regla.api.spi.DeliveryException;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * How often and how long apart the outbox retries a provider call: exponential backoff from
 * {@code initialDelay}, doubled per attempt up to {@code maxDelay}, plus up to {@code jitter} (a fraction
 * of the delay) at random so that many entries failing together do not retry together. A provider's
 * {@link DeliveryException#retryAfter()} is a floor. After {@code maxAttempts} failed calls the entry fails.
 *
 * @param random the jitter's source; pass a seeded one for reproducible tests
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, double jitter, RandomGenerator random) {

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(random, "random");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 < initialDelay <= maxDelay, was " + initialDelay + ", " + maxDelay);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be within 0..1, was " + jitter);
        }
    }

    /** 8 attempts, 30 s doubling to at most 1 h, 20 % jitter. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(8, Duration.ofSeconds(30), Duration.ofHours(1), 0.2, new Random());
    }

    /**
     * The wait before the next attempt.
     *
     * @param failedAttempts calls that failed so far (1 after the first failure)
     * @param retryAfter     what the provider asked for, or null
     */
    public Duration delay(int failedAttempts, Duration retryAfter) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        long base = Math.min(maxDelay.toMillis(), initialDelay.toMillis() << doublings);
        long withJitter = base + (long) (base * jitter * random.nextDouble());
        long floor = retryAfter == null ? 0 : retryAfter.toMillis();
        return Duration.ofMillis(Math.max(withJitter, floor));
    }

    public boolean exhausted(int failedAttempts) {
        return failedAttempts >= maxAttempts;
    }
}
