package io.regla.rules.loyalty;

/** Reference data ({@code monthly-caps.csv}): the most points a member of a tier accrues in a calendar month. */
public record MonthlyCap(Tier tier, long points) {
}
