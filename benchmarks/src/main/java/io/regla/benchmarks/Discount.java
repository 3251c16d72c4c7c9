package io.regla.benchmarks;

/** A loyalty discount on the order. */
public record Discount(String orderId, int percent, String reason) implements OrderAction {
}
