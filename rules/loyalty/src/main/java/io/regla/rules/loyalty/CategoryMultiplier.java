package io.regla.rules.loyalty;

import java.math.BigDecimal;

/** Reference data ({@code category-multipliers.csv}): points multiplier of a merchant category. */
public record CategoryMultiplier(String category, BigDecimal multiplier) {
}
