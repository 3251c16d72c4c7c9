package io.regla.rules.loyalty;

import java.math.BigDecimal;

/** Working fact: the category multiplier that applies to a transaction (an unknown category counts as OTHER). */
public record CategoryRate(String transactionId, String category, BigDecimal multiplier) {
}
