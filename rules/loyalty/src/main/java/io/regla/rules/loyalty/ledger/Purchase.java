package io.regla.rules.loyalty.ledger;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A recorded purchase and the refunds of it accepted so far (refund id to amount), which a later refund of
 * it adds to: refunds are cumulative.
 */
public record Purchase(PurchaseRecord transaction, Map<String, BigDecimal> refunds) {

    public Purchase {
        refunds = Map.copyOf(refunds);
    }

    /** What the accepted refunds other than {@code refundId} refunded (a refund decided again is not counted twice). */
    public BigDecimal refundedBefore(String refundId) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> e : refunds.entrySet()) {
            if (!e.getKey().equals(refundId)) sum = sum.add(e.getValue());
        }
        return sum;
    }
}
