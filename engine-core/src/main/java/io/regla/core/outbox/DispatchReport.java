package io.regla.core.outbox;

/**
 * What one {@link EmailDispatcher#dispatchDue()} pass did.
 *
 * @param claimed    entries taken
 * @param sent       accepted by the provider (by this pass's send or found by reconciliation)
 * @param reconciled of {@code sent}, those found already accepted by the provider, not sent again
 * @param retried    scheduled for a later retry (retryable error or uncertain outcome)
 * @param failed     given up (permanent error, rejection, too many attempts)
 * @param lost       taken over by another dispatcher before this one could finish them
 */
public record DispatchReport(int claimed, int sent, int reconciled, int retried, int failed, int lost) {

    public static final DispatchReport EMPTY = new DispatchReport(0, 0, 0, 0, 0, 0);

    DispatchReport plus(DispatchReport o) {
        return new DispatchReport(claimed + o.claimed, sent + o.sent, reconciled + o.reconciled, retried + o.retried,
                failed + o.failed, lost + o.lost);
    }
}
