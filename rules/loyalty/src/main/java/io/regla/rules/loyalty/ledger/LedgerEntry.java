package io.regla.rules.loyalty.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * One immutable line of a member's points ledger. A member's balance is the sum of its entries' points.
 *
 * @param entryNo     1, 2, 3… per member, in the order the entries were appended
 * @param sourceId    what caused it: the transaction, redemption request, refund or lot id
 * @param lotId       the lot the points belong to, or {@link #NO_LOT} (a negative balance and its repayment)
 * @param points      signed: positive for accruals, negative for what leaves a lot
 * @param occurredAt  business time: the purchase, the request, the refund, the expiry
 * @param availableAt for an accrual, when its lot stops being pending (null otherwise)
 * @param expiresAt   for an accrual, when its lot lapses (null otherwise)
 * @param recordedAt  when the ledger appended it
 * @param note        free text: the rule that decided an accrual, the refunded transaction of a reversal
 */
public record LedgerEntry(String memberId, long entryNo, EntryKind kind, String sourceId, String lotId, long points,
                          Instant occurredAt, Instant availableAt, Instant expiresAt, Instant recordedAt, String note) {

    /** The lot id of entries that belong to no lot. */
    public static final String NO_LOT = "";

    public LedgerEntry {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        lotId = lotId == null ? NO_LOT : lotId;
        if (kind == EntryKind.ACCRUAL && (availableAt == null || expiresAt == null || lotId.isEmpty())) {
            throw new IllegalArgumentException("an accrual opens a lot: lotId, availableAt and expiresAt are required");
        }
    }

    public boolean hasLot() {
        return !lotId.isEmpty();
    }

    /** The same entry numbered and stamped by the backend that appends it. */
    public LedgerEntry numbered(long no, Instant recorded) {
        return new LedgerEntry(memberId, no, kind, sourceId, lotId, points, occurredAt, availableAt, expiresAt, recorded, note);
    }
}
