package io.regla.benchmarks;

import io.regla.api.Action;

/** An action the bench-ref rules emit about one order. */
public interface OrderAction extends Action {
    String orderId();
}
