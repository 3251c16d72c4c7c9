package io.regla.core.outbox;

import io.regla.api.PersonalData;
import io.regla.api.spi.DeliveryException;
import io.regla.api.spi.Outbox;
import io.regla.api.spi.OutboxClaim;
import io.regla.api.spi.OutboxEntry;
import io.regla.api.spi.OutboxStatus;
import io.regla.api.spi.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Delivers the entries of one outbox channel through an {@link OutboxHandler} (e-mails through a
 * {@link io.regla.api.spi.Mailer}: {@link EmailDispatcher}; CRM updates through theirs).
 *
 * <p>Why it never loses or doubles an action across crashes: an entry is {@code IN_FLIGHT} under this
 * dispatcher's lease (a compare-and-set in the store) before the provider is called, and only a
 * recorded outcome ends that state. A dispatcher that dies mid-call leaves the entry {@code IN_FLIGHT};
 * once the lease expires another dispatcher takes it as <em>uncertain</em> and, for a provider without
 * idempotency keys, asks the provider ({@link OutboxHandler#lookup}) before delivering again; a
 * provider that drops a repeated key is simply called again. The lease must outlast the slowest call.
 *
 * <p>Retryable failures (429, 5xx) go back to the outbox with exponential backoff; permanent ones
 * (other 4xx, a rejected recipient) fail the entry. Time comes only from the given {@link Clock}.
 */
public final class OutboxDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final Outbox outbox;
    private final OutboxHandler handler;
    private final Clock clock;
    private final RetryPolicy retry;
    private final Duration lease;
    private final int batchSize;
    private final String owner;
    private final String channel;

    private OutboxDispatcher(Builder b) {
        this.outbox = b.outbox;
        this.handler = b.handler;
        this.clock = b.clock;
        this.retry = b.retry;
        this.lease = b.lease;
        this.batchSize = b.batchSize;
        this.owner = b.owner;
        this.channel = b.channel;
    }

    /** A dispatcher for {@code channel}: entries of other channels are left to their own dispatchers. */
    public static Builder builder(Outbox outbox, String channel, OutboxHandler handler) {
        return new Builder(outbox, handler).channel(channel);
    }

    /** Sends everything due now, batch after batch, until nothing is due; each entry at most once per pass. */
    public DispatchReport dispatchDue() {
        DispatchReport total = DispatchReport.EMPTY;
        Set<String> seen = new HashSet<>();
        while (true) {
            List<OutboxClaim> batch = outbox.claim(channel, clock.instant(), batchSize, owner, lease);
            if (batch.isEmpty()) {
                return total;
            }
            boolean progress = false;
            for (OutboxClaim claim : batch) {
                progress |= seen.add(claim.entry().key());
                total = total.plus(dispatch(claim));
            }
            if (!progress) {
                return total;
            }
        }
    }

    private DispatchReport dispatch(OutboxClaim claim) {
        Optional<OutboxEntry> renewed = renew(claim);
        if (renewed.isEmpty()) {
            return lost(claim.entry());
        }
        OutboxEntry held = renewed.get();
        if (claim.uncertain() && !handler.idempotent()) {
            Optional<SendResult> known;
            try {
                known = handler.lookup(held.key());
            } catch (DeliveryException e) {
                return retryLater(held, e, true);
            }
            if (known.isPresent()) {
                LOG.info("outbox {}: {} already has it, not sending again", held.key(), handler.name());
                return recordResult(held, known.get(), true);
            }
        }
        if (claim.from() == OutboxStatus.IN_FLIGHT && retry.exhausted(held.attempts())) {
            // an entry that kills every dispatcher that tries it must not be retried for ever
            return fail(held, held.attempts(), "gave up after " + held.attempts()
                    + " attempts; the dispatcher died during the last one");
        }
        SendResult result;
        try {
            result = handler.deliver(held);
        } catch (UnreadablePayloadException e) {
            return fail(held, held.attempts(), PersonalData.maskEmailsIn("UNREADABLE: " + e.getMessage()));
        } catch (DeliveryException e) {
            return retryLater(held, e, e.uncertain());
        } catch (RuntimeException e) {
            // an adapter bug mid-call: whether the provider acted is unknown
            LOG.warn("outbox {}: {} failed unexpectedly: {}", held.key(), handler.name(),
                    PersonalData.maskEmailsIn(e.toString()));
            return retryLater(held, new DeliveryException(e.toString(), true, null, "UNEXPECTED", true, e), true);
        }
        LOG.debug("outbox {}: {} -> {}", held.key(), handler.name(), result.status());
        return recordResult(held, result, false);
    }

    /**
     * Extends the lease right before the provider call. An entry taken over from a dispatcher that died
     * mid-call counts that call as a failed attempt, since its dispatcher could not record it.
     */
    private Optional<OutboxEntry> renew(OutboxClaim claim) {
        OutboxEntry claimed = claim.entry();
        if (claim.from() != OutboxStatus.IN_FLIGHT) {
            return outbox.renew(claimed, clock.instant(), lease);
        }
        Instant now = clock.instant();
        OutboxEntry next = claimed.withAttempts(claimed.attempts() + 1).with(OutboxStatus.IN_FLIGHT, now.plus(lease),
                claimed.leaseOwner(), "DIED: a dispatcher stopped during this attempt", claimed.providerId(), now);
        return outbox.update(claimed, next) ? Optional.of(next) : Optional.empty();
    }

    private DispatchReport recordResult(OutboxEntry held, SendResult result, boolean reconciled) {
        Instant now = clock.instant();
        if (result.accepted()) {
            if (!outbox.markSent(held, result.providerId(), now)) {
                return lost(held);
            }
            return new DispatchReport(1, 1, reconciled ? 1 : 0, 0, 0, 0);
        }
        return fail(held, held.attempts(), PersonalData.maskEmailsIn("REJECTED: " + result.detail()));
    }

    private DispatchReport retryLater(OutboxEntry held, DeliveryException e, boolean uncertain) {
        int attempts = held.attempts() + 1;
        String error = PersonalData.maskEmailsIn(e.code() + ": " + e.getMessage());
        if (!e.retryable() && !uncertain) {
            return fail(held, attempts, error);
        }
        if (retry.exhausted(attempts)) {
            return fail(held, attempts, "gave up after " + attempts + " attempts" + (uncertain ? " (outcome uncertain)" : "")
                    + "; last: " + error);
        }
        Instant now = clock.instant();
        Instant next = now.plus(retry.delay(attempts, e.retryAfter()));
        boolean recorded = uncertain
                ? outbox.markUncertain(held, attempts, next, error, now)
                : outbox.scheduleRetry(held, attempts, next, error, now);
        if (!recorded) {
            return lost(held);
        }
        LOG.info("outbox {}: attempt {} failed ({}), {}retry at {}", held.key(), attempts, e.code(),
                uncertain ? "reconcile and " : "", next);
        return new DispatchReport(1, 0, 0, 1, 0, 0);
    }

    private DispatchReport fail(OutboxEntry held, int attempts, String error) {
        if (!outbox.markFailed(held, attempts, error, clock.instant())) {
            return lost(held);
        }
        LOG.warn("outbox {}: failed for good: {}", held.key(), error);
        return new DispatchReport(1, 0, 0, 0, 1, 0);
    }

    private DispatchReport lost(OutboxEntry held) {
        LOG.info("outbox {}: lease lost to another dispatcher", held.key());
        return new DispatchReport(1, 0, 0, 0, 0, 1);
    }

    public static final class Builder {
        private final Outbox outbox;
        private final OutboxHandler handler;
        private Clock clock = Clock.systemUTC();
        private RetryPolicy retry = RetryPolicy.defaults();
        private Duration lease = Duration.ofMinutes(5);
        private int batchSize = 50;
        private String owner = "dispatcher-" + UUID.randomUUID();
        private String channel;

        Builder(Outbox outbox, OutboxHandler handler) {
            this.outbox = Objects.requireNonNull(outbox, "outbox");
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /** The only source of time (default: the system's UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder retryPolicy(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** How long a claim holds an entry; must outlast the slowest provider call (default 5 min). */
        public Builder lease(Duration lease) {
            if (lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("lease must be positive, was " + lease);
            }
            this.lease = lease;
            return this;
        }

        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 1000) {
                throw new IllegalArgumentException("batchSize must be 1..1000, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** This dispatcher's name in leases (default: random). */
        public Builder owner(String owner) {
            this.owner = Objects.requireNonNull(owner, "owner");
            return this;
        }

        public Builder channel(String channel) {
            this.channel = Objects.requireNonNull(channel, "channel");
            return this;
        }

        public OutboxDispatcher build() {
            if (channel == null) {
                throw new IllegalStateException("a dispatcher needs its outbox channel");
            }
            return new OutboxDispatcher(this);
        }
    }
}
