package io.regla.rules.loyalty.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to append to a member's ledger for one source. A posting is atomic (all its entries or none) and
 * idempotent: its {@linkplain #key() key} is unique in the ledger, so the same source posted twice is
 * appended once.
 */
public sealed interface Posting {

    String memberId();

    String sourceId();

    Instant occurredAt();

    /** The unique key: {@code ACCRUAL:T1}, {@code REDEMPTION:R1}, {@code REVERSAL:F1}, {@code EXPIRY:T1}, … */
    default String key() {
        return kind() + ":" + sourceId();
    }

    EntryKind kind();

    /** Earned points: a new lot (id = {@code sourceId}), which first repays any negative balance. */
    record Accrual(String memberId, String sourceId, long points, Instant occurredAt, Instant availableAt,
                   Instant expiresAt, String note) implements Posting {
        public Accrual {
            Objects.requireNonNull(availableAt, "availableAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
            if (points <= 0) throw new IllegalArgumentException("accrual of " + points + " points for " + sourceId);
        }

        @Override
        public EntryKind kind() {
            return EntryKind.ACCRUAL;
        }
    }

    /** Spends points from the given lots, which must still be available and hold them when appended. */
    record Redemption(String memberId, String sourceId, Instant occurredAt, List<LotDraw> lots) implements Posting {
        public Redemption {
            lots = List.copyOf(lots);
            if (lots.isEmpty() || lots.stream().anyMatch(l -> l.points() <= 0)) {
                throw new IllegalArgumentException("redemption " + sourceId + " needs lots with positive points: " + lots);
            }
        }

        public long points() {
            return lots.stream().mapToLong(LotDraw::points).sum();
        }

        @Override
        public EntryKind kind() {
            return EntryKind.REDEMPTION;
        }
    }

    /**
     * Claws back points a refunded transaction earned: from that transaction's lot first, then the member's
     * other available lots, then pending ones (oldest expiry first); the rest becomes a negative balance.
     *
     * @param sourceId the refund's id (a transaction may be refunded in parts)
     */
    record Reversal(String memberId, String sourceId, String transactionId, long points, Instant occurredAt) implements Posting {
        public Reversal {
            if (points <= 0) throw new IllegalArgumentException("reversal of " + points + " points for " + sourceId);
        }

        @Override
        public EntryKind kind() {
            return EntryKind.REVERSAL;
        }
    }

    /** Expires what is left of a lot (the source id is the lot id). */
    record Expiry(String memberId, String sourceId, Instant occurredAt) implements Posting {
        @Override
        public EntryKind kind() {
            return EntryKind.EXPIRY;
        }
    }

    /**
     * A correction by hand: positive points open a lot available at once (repaying any negative balance
     * first), negative points are drawn like a reversal.
     */
    record Adjustment(String memberId, String sourceId, long points, Instant occurredAt, Instant expiresAt,
                      String note) implements Posting {
        public Adjustment {
            if (points == 0) throw new IllegalArgumentException("adjustment of 0 points for " + sourceId);
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public EntryKind kind() {
            return EntryKind.ADJUSTMENT;
        }
    }
}
