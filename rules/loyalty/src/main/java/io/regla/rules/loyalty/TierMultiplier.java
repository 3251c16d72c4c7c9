package io.regla.rules.loyalty;

import java.math.BigDecimal;

/** Reference data ({@code tier-multipliers.csv}): points multiplier of a member tier. */
public record TierMultiplier(Tier tier, BigDecimal multiplier) {
}
