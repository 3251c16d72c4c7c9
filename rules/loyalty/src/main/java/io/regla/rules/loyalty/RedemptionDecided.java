package io.regla.rules.loyalty;

/** Working fact: a redemption request was granted or rejected, so the member's next request may be decided. */
public record RedemptionDecided(String redemptionId) {
}
