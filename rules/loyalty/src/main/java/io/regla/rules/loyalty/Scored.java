package io.regla.rules.loyalty;

import java.time.OffsetDateTime;

/**
 * Working fact: a transaction's points before the monthly cap.
 *
 * @param month the calendar month of {@code at} in the rule set's zone ({@code 2025-03}), the cap's period
 */
public record Scored(String transactionId, String memberId, OffsetDateTime at, String month, long points) {
}
