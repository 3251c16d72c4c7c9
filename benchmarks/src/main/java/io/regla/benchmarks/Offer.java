package io.regla.benchmarks;

/** Something to offer the customer along with the order. */
public record Offer(String orderId, String code) implements OrderAction {
}
