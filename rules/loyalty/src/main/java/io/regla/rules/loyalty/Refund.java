package io.regla.rules.loyalty;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A (partial or whole) refund of a card transaction: claws back points in proportion to {@code amount}.
 *
 * @param refundedBefore what earlier accepted refunds of the same transaction already refunded (the
 *                       processor fills it from the store, events in time order); refunds are cumulative,
 *                       so together they never reverse more than the purchase earned. Null counts as 0.
 */
public record Refund(String id, String transactionId, BigDecimal amount, OffsetDateTime at, BigDecimal refundedBefore) {

    public Refund {
        refundedBefore = refundedBefore == null ? BigDecimal.ZERO : refundedBefore;
    }

    public Refund(String id, String transactionId, BigDecimal amount, OffsetDateTime at) {
        this(id, transactionId, amount, at, BigDecimal.ZERO);
    }

    /** What this refund and the earlier ones refunded together. */
    public BigDecimal refundedTotal() {
        return refundedBefore.add(amount);
    }

    public Refund withRefundedBefore(BigDecimal before) {
        return new Refund(id, transactionId, amount, at, before);
    }
}
