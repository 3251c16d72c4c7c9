package io.regla.adapters.mailchimp.audience;

import io.regla.rules.mailing.ContactStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One audience sync round.
 *
 * @param listId    the Mailchimp audience (list) id
 * @param since     the {@code since_last_changed} the round asked for, null for a full read
 * @param pages     pages read
 * @param members   members read (rejected ones included)
 * @param byStatus  members written, per status
 * @param inserted  contacts new to the store
 * @param updated   contacts whose status (or spelling) changed
 * @param unchanged contacts the store already had as read
 * @param rejected  members not written, each with its offset and why (addresses masked)
 * @param cursor    the {@code since_last_changed} of the next round, null if none is known yet
 */
public record AudienceSyncReport(String listId, Instant since, int pages, int members, Map<ContactStatus, Integer> byStatus,
                                 int inserted, int updated, int unchanged, List<String> rejected, Instant cursor) {

    public AudienceSyncReport {
        byStatus = Map.copyOf(byStatus);
        rejected = List.copyOf(rejected);
    }

    /** One line for the console and the log. */
    public String summary() {
        return "audience " + listId + (since == null ? " (full)" : " (changed since " + since + ")") + ": " + members
                + " members in " + pages + " pages; " + new java.util.TreeMap<>(byStatus) + "; " + inserted + " new, "
                + updated + " changed, " + unchanged + " unchanged, " + rejected.size() + " rejected";
    }
}
