package io.regla.rules.loyalty.ledger;

/** Points a redemption takes from one lot. */
public record LotDraw(String lotId, long points) {
}
