package io.regla.rules.loyalty.ledger;

import java.time.Instant;

/**
 * A lot as derived from the ledger: what its accrual earned and what is left after the entries against it.
 * Never stored: computed from the entries every time.
 */
public record PointsLotState(String lotId, String memberId, String sourceId, long points, long remaining,
                             Instant earnedAt, Instant availableAt, Instant expiresAt, boolean expired) {

    public boolean pendingAt(Instant at) {
        return remaining > 0 && at.isBefore(availableAt);
    }

    /** Spendable at {@code at}: past its pending days, before its expiry, something left. */
    public boolean availableAt(Instant at) {
        return remaining > 0 && !at.isBefore(availableAt) && at.isBefore(expiresAt) && !expired;
    }

    /** Past its expiry with points left that no expiry entry has taken yet. */
    public boolean lapsingAt(Instant at) {
        return remaining > 0 && !at.isBefore(expiresAt);
    }
}
