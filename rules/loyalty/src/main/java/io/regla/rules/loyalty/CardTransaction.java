package io.regla.rules.loyalty;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A card purchase. It is accrued by the rule set version effective at {@link #at()}, so a replay of
 * history gives what the rules of the day gave.
 *
 * @param amount   in {@code currency} (points are per 100 ARS)
 * @param category merchant category such as {@code SUPERMARKET}; an unknown one counts as {@code OTHER}
 */
public record CardTransaction(String id, String memberId, BigDecimal amount, String currency, String category,
                              String channel, String merchantId, OffsetDateTime at) {
}
