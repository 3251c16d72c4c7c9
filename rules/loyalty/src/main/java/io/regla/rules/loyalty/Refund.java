package io.regla.rules.loyalty;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A (partial or whole) refund of a card transaction: claws back points in proportion to {@code amount}. */
public record Refund(String id, String transactionId, BigDecimal amount, OffsetDateTime at) {
}
