package io.regla.benchmarks;

/** What an {@link Order} buys. */
public enum Category {
    ELECTRONICS, GROCERY, PHARMACY, CLOTHING, HOME
}
