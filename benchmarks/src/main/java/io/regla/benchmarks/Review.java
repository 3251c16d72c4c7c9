package io.regla.benchmarks;

/** A person must look at the order before it ships. */
public record Review(String orderId, String code) implements OrderAction {
}
