package io.regla.api.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Actions persisted before dispatch, with leases so that two dispatchers never call the provider for
 * one entry. Adapters implement five primitives; every state change is a compare-and-set on
 * {@link OutboxEntry#version()} ({@link #update}), never a read followed by an unconditional write.
 */
public interface Outbox {

    /**
     * Persists a new entry (status {@code PENDING}).
     *
     * @return true if stored, false if an entry with this key already exists (left as it was): the
     * backend's unique key decides, so concurrent enqueues of one key store one entry
     */
    boolean enqueue(OutboxEntry entry);

    Optional<OutboxEntry> find(String key);

    /** Entries in a status, oldest {@code dueAt} first, at most {@code limit}. */
    List<OutboxEntry> list(OutboxStatus status, int limit);

    /**
     * Candidates for a claim: entries of the channel that are not final and whose {@code dueAt} is not
     * after {@code now}, earliest first. A read only: {@link #claim} takes them with {@link #update}.
     */
    List<OutboxEntry> due(String channel, Instant now, int limit);

    /**
     * Replaces {@code expected} with {@code next} if the stored version is still {@code expected.version()}.
     * {@code next.version()} must be {@code expected.version() + 1}.
     *
     * @return true if written; false if someone else changed the entry first (nothing written)
     */
    boolean update(OutboxEntry expected, OutboxEntry next);

    /**
     * Takes up to {@code limit} due entries for {@code owner}: each becomes {@code IN_FLIGHT} until
     * {@code now + lease}. An entry lost to a concurrent claim is skipped, so each entry goes to one owner.
     */
    default List<OutboxClaim> claim(String channel, Instant now, int limit, String owner, Duration lease) {
        List<OutboxClaim> claimed = new ArrayList<>();
        for (OutboxEntry candidate : due(channel, now, limit)) {
            if (!candidate.isDue(now)) {
                continue;
            }
            OutboxEntry held = candidate.with(OutboxStatus.IN_FLIGHT, now.plus(lease), owner, candidate.lastError(),
                    candidate.providerId(), now);
            if (update(candidate, held)) {
                claimed.add(new OutboxClaim(held, candidate.status()));
            }
        }
        return claimed;
    }

    /**
     * The entries not yet final: counts per status and the earliest due time, for monitoring (the
     * engine's {@code OutboxMetrics} polls it). Backends answer with a count query; this default reads
     * at most 1,000 entries per status through {@link #list}, so its counts stop at 1,000.
     */
    default OutboxBacklog backlog() {
        long[] counts = new long[3];
        Instant oldest = null;
        OutboxStatus[] open = {OutboxStatus.PENDING, OutboxStatus.IN_FLIGHT, OutboxStatus.UNCERTAIN};
        for (int i = 0; i < open.length; i++) {
            List<OutboxEntry> entries = list(open[i], 1000);
            counts[i] = entries.size();
            for (OutboxEntry e : entries) {
                if (oldest == null || e.dueAt().isBefore(oldest)) {
                    oldest = e.dueAt();
                }
            }
        }
        return new OutboxBacklog(counts[0], counts[1], counts[2], oldest);
    }

    /**
     * Extends the lease of an entry this dispatcher holds, right before calling the provider.
     *
     * @return the entry under the new lease, or empty if another dispatcher took it meanwhile
     */
    default Optional<OutboxEntry> renew(OutboxEntry held, Instant now, Duration lease) {
        OutboxEntry next = held.with(OutboxStatus.IN_FLIGHT, now.plus(lease), held.leaseOwner(), held.lastError(),
                held.providerId(), now);
        return update(held, next) ? Optional.of(next) : Optional.empty();
    }

    default boolean markSent(OutboxEntry held, String providerId, Instant now) {
        return update(held, held.with(OutboxStatus.SENT, now, null, held.lastError(), providerId, now));
    }

    /** Back to {@code PENDING} until {@code nextAttempt}: the provider certainly did not act. */
    default boolean scheduleRetry(OutboxEntry held, int attempts, Instant nextAttempt, String error, Instant now) {
        return update(held, held.withAttempts(attempts).with(OutboxStatus.PENDING, nextAttempt, null, error, null, now));
    }

    /** {@code UNCERTAIN} until {@code nextAttempt}: the next dispatcher reconciles before resending. */
    default boolean markUncertain(OutboxEntry held, int attempts, Instant nextAttempt, String error, Instant now) {
        return update(held, held.withAttempts(attempts).with(OutboxStatus.UNCERTAIN, nextAttempt, null, error, null, now));
    }

    /** Permanently {@code FAILED}: no dispatcher takes it again. */
    default boolean markFailed(OutboxEntry held, int attempts, String error, Instant now) {
        return update(held, held.withAttempts(attempts).with(OutboxStatus.FAILED, now, null, error, held.providerId(), now));
    }
}
