package io.regla.rules.loyalty.service;

import io.regla.api.action.Rejection;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import io.regla.rules.loyalty.ledger.PointsBalance;

import java.util.List;

/**
 * What became of one event posted through the {@link LoyaltyService}.
 *
 * @param kind       TRANSACTION, REFUND or REDEMPTION
 * @param memberId   the member it concerns (null for a refund of an unknown transaction)
 * @param rejections the rules' refusals (non-empty only when {@link Status#REJECTED})
 * @param entries    the ledger entries the event wrote: now, or earlier when {@link Status#ALREADY_POSTED}
 * @param balance    the member's balance right after (null without a member)
 */
public record EventOutcome(String kind, String id, String memberId, Status status, List<Rejection> rejections,
                           List<LedgerEntry> entries, PointsBalance balance) {

    public enum Status {
        /** Decided and written to the ledger now. */
        POSTED,
        /** The ledger already held this event (same kind and id): nothing written again. */
        ALREADY_POSTED,
        /** The rules refused it: nothing written. */
        REJECTED,
        /** Decided, nothing to write (say, a purchase that earns no points). */
        NOTHING_TO_POST
    }

    public EventOutcome {
        rejections = List.copyOf(rejections);
        entries = List.copyOf(entries);
    }

    /** The signed points the event's entries moved. */
    public long points() {
        return entries.stream().mapToLong(LedgerEntry::points).sum();
    }
}
