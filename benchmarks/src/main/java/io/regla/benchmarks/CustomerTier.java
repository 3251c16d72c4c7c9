package io.regla.benchmarks;

/** The loyalty tier of the customer placing an {@link Order}. */
public enum CustomerTier {
    NEW, REGULAR, SILVER, GOLD
}
