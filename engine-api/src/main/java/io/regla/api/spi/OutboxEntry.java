package io.regla.api.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One action persisted before dispatch.
 *
 * @param key         idempotency key, unique for ever: the outbox holds at most one entry per key
 * @param channel     which dispatcher handles it ({@code email}, {@code crm})
 * @param payloadType the payload's type name ({@code SendEmail})
 * @param payload     the action as JSON (written and read by the dispatcher, opaque to the store)
 * @param status      where it stands
 * @param attempts    provider calls that failed so far
 * @param dueAt       when a dispatcher may take it next: the next attempt, or the end of the lease while
 *                    {@link OutboxStatus#IN_FLIGHT}
 * @param leaseOwner  the dispatcher holding it while in flight, else null
 * @param lastError   the last failure (code and message, no personal data), or null
 * @param providerId  the provider's id once sent, or null
 * @param createdAt   when it was enqueued
 * @param updatedAt   when it last changed
 * @param version     compare-and-set token: every change increments it
 */
public record OutboxEntry(String key, String channel, String payloadType, String payload, OutboxStatus status,
                          int attempts, Instant dueAt, String leaseOwner, String lastError, String providerId,
                          Instant createdAt, Instant updatedAt, long version) {

    public OutboxEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A new entry, due at once. */
    public static OutboxEntry pending(String key, String channel, String payloadType, String payload, Instant now) {
        return new OutboxEntry(key, channel, payloadType, payload, OutboxStatus.PENDING, 0, now, null, null, null,
                now, now, 1);
    }

    /** Whether a dispatcher may take it at {@code now}. */
    public boolean isDue(Instant now) {
        return !status.isFinal() && !dueAt.isAfter(now);
    }

    /** The next state: status, due time, lease, error, provider id (attempts and payload kept). */
    public OutboxEntry with(OutboxStatus newStatus, Instant newDueAt, String newLeaseOwner, String error,
                            String newProviderId, Instant now) {
        return new OutboxEntry(key, channel, payloadType, payload, newStatus, attempts, newDueAt, newLeaseOwner,
                error, newProviderId, createdAt, now, version + 1);
    }

    public OutboxEntry withAttempts(int newAttempts) {
        return new OutboxEntry(key, channel, payloadType, payload, status, newAttempts, dueAt, leaseOwner,
                lastError, providerId, createdAt, updatedAt, version);
    }
}
