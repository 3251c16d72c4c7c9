package io.regla.api.spi;

/** Points a redemption takes from one lot. */
public record LotDraw(String lotId, long points) {
}
