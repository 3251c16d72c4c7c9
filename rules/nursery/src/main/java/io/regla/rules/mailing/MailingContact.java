package io.regla.rules.mailing;

import io.regla.api.PersonalData;
import java.util.Objects;

/**
 * An address's standing in the mailing audience. A guardian without one counts as subscribed;
 * {@code CLEANED} gets no mail at all; {@code UNSUBSCRIBED} gets no survey but still the transactional mails.
 */
public record MailingContact(@PersonalData.Field String email, ContactStatus status) {
    public MailingContact {
        Objects.requireNonNull(email, "MailingContact.email is required");
        Objects.requireNonNull(status, "MailingContact.status is required");
    }
}
