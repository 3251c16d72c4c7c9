package io.regla.adapters.mailchimp.marketing;

import java.util.Locale;

/**
 * A Mailchimp audience member's status, named as {@code MailingContact.status}: the caller maps one onto the
 * other by name ({@code MailingContact.Status.valueOf(status.name())}).
 */
public enum ContactStatus {
    SUBSCRIBED, UNSUBSCRIBED, CLEANED, PENDING, TRANSACTIONAL;

    /** The value Mailchimp's API uses ({@code subscribed}, ...). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads Mailchimp's status. An {@code archived} member is out of the audience and receives no campaign, so it
     * reads as {@link #UNSUBSCRIBED} (transactional mail still goes, survey mail does not).
     *
     * @throws IllegalArgumentException for a status Mailchimp does not document
     */
    public static ContactStatus fromWire(String status) {
        if (status == null) {
            throw new IllegalArgumentException("Mailchimp member status is missing");
        }
        String s = status.trim().toLowerCase(Locale.ROOT);
        if (s.equals("archived")) {
            return UNSUBSCRIBED;
        }
        for (ContactStatus c : values()) {
            if (c.wire().equals(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown Mailchimp member status '" + status + "'");
    }
}
