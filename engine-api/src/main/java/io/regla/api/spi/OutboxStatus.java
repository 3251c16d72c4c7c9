package io.regla.api.spi;

/**
 * Where an outbox entry stands. {@code PENDING}, {@code UNCERTAIN} and an {@code IN_FLIGHT} entry whose
 * lease expired are due for a dispatcher; {@code SENT} and {@code FAILED} are final.
 */
public enum OutboxStatus {
    /** Waiting for its first attempt or for a retry after a failure the provider certainly did not act on. */
    PENDING,
    /** A dispatcher holds it (until the lease in {@link OutboxEntry#dueAt()}) and may be calling the provider. */
    IN_FLIGHT,
    /** The provider may or may not have acted (timeout, lost answer): reconcile before any resend. */
    UNCERTAIN,
    /** The provider accepted it. Final. */
    SENT,
    /** Given up: a permanent error, a rejection, or too many attempts. Final. */
    FAILED;

    public boolean isFinal() {
        return this == SENT || this == FAILED;
    }
}
