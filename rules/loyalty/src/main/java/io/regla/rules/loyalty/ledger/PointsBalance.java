package io.regla.rules.loyalty.ledger;

import java.time.Instant;

/**
 * A member's points at an instant, derived from the ledger entries (never stored):
 * {@code balance == available + pending + lapsing - negative}.
 *
 * @param balance   the sum of every entry
 * @param available in lots past their pending days and before their expiry
 * @param pending   in lots still within their pending days
 * @param lapsing   in lots past their expiry that no expiry entry has taken yet
 * @param expired   taken by expiry entries so far (positive)
 * @param negative  what refunds could not claw back and later accruals have not repaid yet (positive)
 */
public record PointsBalance(String memberId, Instant asOf, long balance, long available, long pending, long lapsing,
                            long expired, long negative) {
}
