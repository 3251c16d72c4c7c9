package io.regla.benchmarks;

/** The fulfilment queue the order goes to. */
public record Routing(String orderId, String queue) implements OrderAction {
}
