package io.regla.rules.loyalty.ledger;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A card purchase as the purchase history keeps it: the ledger's own value, so the port knows nothing of the
 * rules' fact types (the processor maps its {@code CardTransaction} facts to and from it, field for field).
 *
 * @param id     the transaction id (the history's key)
 * @param at     when it was posted, with its offset as received
 */
public record PurchaseRecord(String id, String memberId, BigDecimal amount, String currency, String category,
                             String channel, String merchantId, OffsetDateTime at) {
}
