package io.regla.rules.loyalty;

import io.regla.api.Action;

import java.time.OffsetDateTime;

/**
 * Credit {@code points} for a transaction: pending until {@code availableAt}, expiring at {@code expiresAt}.
 *
 * @param rule the rule that decided it (the monthly cap's rule when it cut the points)
 */
public record AccruePoints(String memberId, String transactionId, long points, OffsetDateTime availableAt,
                           OffsetDateTime expiresAt, String rule) implements Action {
}
