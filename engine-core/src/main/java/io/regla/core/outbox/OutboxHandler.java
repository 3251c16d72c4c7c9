package io.regla.core.outbox;

import io.regla.api.spi.DeliveryException;
import io.regla.api.spi.OutboxEntry;
import io.regla.api.spi.SendResult;

import java.util.Optional;

/**
 * Carries out the entries of one outbox channel: reads the payload and makes the one provider call
 * (send an e-mail, update a CRM owner). Never retries: the {@link OutboxDispatcher} owns retries.
 */
public interface OutboxHandler {

    /** Provider name for logs ({@code mandrill}, {@code hubspot}). */
    String name();

    /** Whether the provider drops a repeated entry key itself, so an uncertain call may simply be repeated. */
    boolean idempotent();

    /**
     * Makes the provider call for this entry.
     *
     * @throws DeliveryException           on failure, saying whether a retry may succeed
     * @throws UnreadablePayloadException if the payload does not map back to an action (never retried)
     */
    SendResult deliver(OutboxEntry entry);

    /**
     * What the provider already did under this key, or empty if it has no record of it.
     *
     * @throws DeliveryException if the provider cannot be asked right now
     */
    Optional<SendResult> lookup(String key);
}
