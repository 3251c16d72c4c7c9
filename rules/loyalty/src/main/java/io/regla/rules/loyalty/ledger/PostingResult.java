package io.regla.rules.loyalty.ledger;

import java.util.List;

/**
 * What became of a posting.
 *
 * @param entries the entries appended (empty unless {@link Outcome#POSTED})
 * @param reason  why it was not posted ({@link Outcome#CONFLICT}), or null
 */
public record PostingResult(Posting posting, Outcome outcome, List<LedgerEntry> entries, String reason) {

    public enum Outcome {
        /** Appended. */
        POSTED,
        /** A posting with the same key was appended before: nothing written. */
        DUPLICATE,
        /** The member's lots no longer allow it (spent or expired meanwhile): nothing written; decide again. */
        CONFLICT
    }

    public PostingResult {
        entries = List.copyOf(entries);
    }

    public long points() {
        return entries.stream().mapToLong(LedgerEntry::points).sum();
    }
}
