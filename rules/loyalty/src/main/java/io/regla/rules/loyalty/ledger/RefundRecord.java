package io.regla.rules.loyalty.ledger;

import java.math.BigDecimal;

/** An accepted refund as the purchase history keeps it: its id, the purchase it refunds and the amount refunded. */
public record RefundRecord(String id, String transactionId, BigDecimal amount) {
}
