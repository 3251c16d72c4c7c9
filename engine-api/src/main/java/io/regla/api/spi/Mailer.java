package io.regla.api.spi;

import java.util.Optional;

/**
 * Sends e-mail through a provider (Mailchimp Transactional, HubSpot, files on disk, ...).
 * Implementations do one HTTP call per {@link #send} and never retry: the outbox owns retries.
 */
public interface Mailer {

    /** Short provider name for logs and outbox records ({@code mandrill}, {@code hubspot}, {@code eml}). */
    String name();

    /**
     * Whether the provider itself drops a repeated {@link OutgoingEmail#key()} (HubSpot's {@code sendId}).
     * When false, the outbox reconciles an uncertain send with {@link #lookup(String)} before any retry.
     */
    boolean idempotent();

    /**
     * Sends one e-mail.
     *
     * @throws DeliveryException on failure, saying whether a retry may succeed
     */
    SendResult send(OutgoingEmail email);

    /**
     * Finds an e-mail already accepted by the provider under this key (from metadata the send attached),
     * or empty if the provider has no record of it.
     *
     * @throws DeliveryException if the provider cannot be asked right now
     */
    Optional<SendResult> lookup(String key);
}
