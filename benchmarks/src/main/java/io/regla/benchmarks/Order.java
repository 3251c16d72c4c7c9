package io.regla.benchmarks;

/**
 * The bench-ref fact: one order to decide on.
 *
 * @param id         business key, used in traces ({@code Order#O42})
 * @param customerId the customer placing it
 * @param amount     total in pesos
 * @param category   what is being bought
 * @param tier       the customer's tier
 * @param country    ISO 3166 alpha-2 code of the shipping address
 * @param items      number of items
 * @param payment    how it is paid
 */
public record Order(String id, String customerId, double amount, Category category, CustomerTier tier,
                    String country, int items, PaymentMethod payment) {
}
