package io.regla.rules.loyalty;

import io.regla.api.Action;

/**
 * Claw back {@code points} a refunded transaction earned, for refund {@code refundId}: from that
 * transaction's lot first, then from the member's other points; the ledger books what it cannot claw back
 * as a negative balance.
 */
public record ReversePoints(String memberId, String refundId, String transactionId, long points) implements Action {
}
