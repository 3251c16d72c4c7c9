package io.regla.rules.loyalty;

/**
 * Reference data ({@code accrual-terms.csv}, one row): how long points stay pending and when they lapse.
 *
 * @param pendingDays  days from the transaction until the points can be redeemed
 * @param expiryMonths months from the transaction until the points expire
 */
public record AccrualTerms(int pendingDays, int expiryMonths) {
}
