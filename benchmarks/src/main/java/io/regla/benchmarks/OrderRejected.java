package io.regla.benchmarks;

/** The order is refused; no discount applies to it. */
public record OrderRejected(String orderId, String reason) implements OrderAction {
}
