package io.regla.rules.mailing;

/** A contact's status in the mailing audience (Mailchimp's member statuses). */
public enum ContactStatus {
    SUBSCRIBED, UNSUBSCRIBED, CLEANED, PENDING, TRANSACTIONAL
}
