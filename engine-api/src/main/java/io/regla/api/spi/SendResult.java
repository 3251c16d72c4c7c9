package io.regla.api.spi;

/**
 * What the provider said about one e-mail.
 *
 * @param status     accepted or not
 * @param providerId the provider's message id ({@code _id}, {@code statusId}), for lookups and webhooks
 * @param detail     the provider's reason (a Mandrill {@code reject_reason}, a HubSpot {@code sendResult})
 */
public record SendResult(Status status, String providerId, String detail) {

    public enum Status {
        /** Sent or queued by the provider. */
        ACCEPTED,
        /** The provider refused this recipient for good (bounced, unsubscribed, invalid): do not retry. */
        REJECTED
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }
}
