package io.regla.rules.mailing;

import io.regla.api.PersonalData;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * An e-mail that went out in an earlier run: the history the rules read so that no (template, key)
 * is ever sent twice across runs.
 *
 * @param key the {@link io.regla.api.action.SendEmail#key()} it was sent under, when the history keeps it
 *            (the outbox does). Optional: without it the rules fall back to a conservative match on
 *            enrolment, template, address and date, which never sends twice but may miss an e-mail the key
 *            would have allowed (the reminder for a rescheduled adaptation date, or the 1.1.0 survey of an
 *            enrolment that got a weekly 1.0.0 survey).
 */
public record EmailSent(String enrollmentId, String template, @PersonalData.Field String to, Instant sentAt, String key) {

    public EmailSent {
        Objects.requireNonNull(template, "EmailSent.template is required");
        Objects.requireNonNull(sentAt, () -> "EmailSent " + template + ": sentAt is required");
    }

    /** The history entry as the contract spells it, without the key. */
    public EmailSent(String enrollmentId, String template, String to, Instant sentAt) {
        this(enrollmentId, template, to, sentAt, null);
    }

    /** The day it was sent, in the rule set's zone. */
    public LocalDate sentOn(ZoneId zone) {
        return LocalDate.ofInstant(sentAt, zone);
    }

    /** The ISO week ({@code 2026-W10}) it was sent in, in the rule set's zone. */
    public String isoWeekIn(ZoneId zone) {
        return io.regla.api.Now.isoWeekOf(sentOn(zone));
    }
}
