package io.regla.rules.loyalty;

/** Working fact: what the monthly cap let a scored transaction accrue (0 when the cap was already reached). */
public record Accrual(String transactionId, String memberId, String month, long granted) {
}
