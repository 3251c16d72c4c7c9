package io.regla.rules.loyalty.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The loyalty points ledger: append-only entries per member. Balances and lots are derived from the
 * entries whenever asked, never stored beside them.
 *
 * <p><b>Idempotence.</b> Each posting has a unique key (kind and source id) enforced by the backend's
 * unique constraint or conditional write, never by a read followed by a write.
 * <p><b>Concurrency.</b> Postings of one member are serialised (a row lock on the member, or a
 * conditional write on its version), and each is checked against the lots as they are at that moment, so
 * two postings never spend the same point twice.
 */
public interface Ledger {

    /** Appends one posting atomically. */
    PostingResult post(Posting posting);

    /**
     * Appends many postings: each is atomic on its own; postings of one member keep their order. Faster
     * than one {@link #post} per posting (fewer round trips and commits).
     */
    List<PostingResult> postAll(List<? extends Posting> postings);

    /** A member's entries in order (empty for an unknown member). */
    List<LedgerEntry> entries(String memberId);

    /** A member's lots, derived from its entries, spent ones included. */
    default List<PointsLotState> lots(String memberId) {
        return LedgerBook.of(memberId, entries(memberId)).lots();
    }

    /** The lots of many members in one read (those without entries are absent from the map). */
    Map<String, List<PointsLotState>> lots(Collection<String> memberIds);

    default PointsBalance balance(String memberId, Instant asOf) {
        return LedgerBook.of(memberId, entries(memberId)).balance(asOf);
    }

    default PointsStatement statement(String memberId, Instant asOf) {
        return LedgerBook.of(memberId, entries(memberId)).statement(asOf);
    }

    /**
     * Members with a lot whose expiry is not after {@code asOf} and that has not been expired yet, in id
     * order after {@code afterMemberId} (null for the first page): the expiry run's work list.
     */
    List<String> membersWithLotsDue(Instant asOf, String afterMemberId, int limit);
}
