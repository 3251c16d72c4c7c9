package io.regla.api.spi;

import java.time.Duration;
import java.time.Instant;

/**
 * The outbox entries not yet final, for monitoring: how many per status, and the earliest {@code dueAt}
 * among them.
 *
 * @param pending    entries {@link OutboxStatus#PENDING}
 * @param inFlight   entries {@link OutboxStatus#IN_FLIGHT}
 * @param uncertain  entries {@link OutboxStatus#UNCERTAIN}
 * @param oldestDue  the earliest {@link OutboxEntry#dueAt()} of those entries, or null when there are none
 */
public record OutboxBacklog(long pending, long inFlight, long uncertain, Instant oldestDue) {

    public static final OutboxBacklog EMPTY = new OutboxBacklog(0, 0, 0, null);

    /** Entries not yet final. */
    public long depth() {
        return pending + inFlight + uncertain;
    }

    /**
     * How long the most overdue entry has been due at {@code now} (zero when nothing is due yet): the
     * dispatch lag. A growing age with a steady depth means the dispatcher is stuck.
     */
    public Duration age(Instant now) {
        if (oldestDue == null || !oldestDue.isBefore(now)) {
            return Duration.ZERO;
        }
        return Duration.between(oldestDue, now);
    }
}
