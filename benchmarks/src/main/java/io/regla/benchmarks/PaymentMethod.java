package io.regla.benchmarks;

/** How an {@link Order} is paid. */
public enum PaymentMethod {
    CARD, TRANSFER, CASH
}
