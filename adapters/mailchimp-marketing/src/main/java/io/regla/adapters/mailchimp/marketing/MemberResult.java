package io.regla.adapters.mailchimp.marketing;

import java.util.Optional;

/**
 * What Mailchimp did with an upsert.
 *
 * @param outcome        upserted, or refused for a reason the caller records rather than retries
 * @param status         the member's status now ({@link Outcome#UPSERTED}), or the status that blocked the upsert
 *                       ({@link Outcome#IN_COMPLIANCE_STATE}: unsubscribed or cleaned); null for an invalid address
 * @param subscriberHash the member id, MD5 of the lower-cased address
 * @param detail         Mailchimp's explanation when refused, addresses masked
 */
public record MemberResult(Outcome outcome, ContactStatus status, String subscriberHash, String detail) {

    public enum Outcome {
        UPSERTED,
        /** "Member In Compliance State": unsubscribed, bounced or under review; Mailchimp will not re-subscribe them. */
        IN_COMPLIANCE_STATE,
        /** "Invalid Resource" about the address itself: fake-looking or malformed; nothing to send to. */
        INVALID_ADDRESS
    }

    /** The status to store on the {@code MailingContact}; empty for an invalid address (the rules alert on it instead). */
    public Optional<ContactStatus> contactStatus() {
        return Optional.ofNullable(status);
    }
}
