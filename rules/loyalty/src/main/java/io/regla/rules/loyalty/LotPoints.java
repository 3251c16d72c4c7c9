package io.regla.rules.loyalty;

/** Points taken from one lot by a redemption. */
public record LotPoints(String lotId, long points) {
}
