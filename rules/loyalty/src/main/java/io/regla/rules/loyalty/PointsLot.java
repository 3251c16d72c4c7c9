package io.regla.rules.loyalty;

import java.time.OffsetDateTime;

/**
 * Points earned by one transaction, as the ledger holds them: {@code points} earned, {@code remaining}
 * after redemptions, reversals and expiry. Its id is the transaction's id (one lot per transaction).
 */
public record PointsLot(String id, String memberId, String transactionId, long points, long remaining,
                        OffsetDateTime earnedAt, OffsetDateTime availableAt, OffsetDateTime expiresAt) {

    /** Spendable at {@code at}: no longer pending, not yet expired, something left. */
    public boolean availableAt(OffsetDateTime at) {
        return remaining > 0 && !at.isBefore(availableAt) && at.isBefore(expiresAt);
    }
}
