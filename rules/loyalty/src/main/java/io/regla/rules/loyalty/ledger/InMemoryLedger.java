package io.regla.rules.loyalty.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A ledger in memory with the same policy as the stores' ({@link LedgerBook} plans every posting, a posting's
 * key is unique). Not thread-safe: one writer. The CRM migration replays a chunk of members into one and
 * then appends what it holds to the store in one transaction ({@link #postedKeys()}, {@link #entries()}):
 * the members are new to the store and nobody else writes them meanwhile, so no row lock is needed.
 */
public final class InMemoryLedger implements Ledger {

    /** A posting appended (its key, and the member it belongs to), whether or not it wrote entries. */
    public record PostedKey(EntryKind kind, String sourceId, String memberId) {
    }

    private final Clock clock;
    private final Map<String, LedgerBook> books = new TreeMap<>();
    private final Set<String> keys = new HashSet<>();
    private final List<PostedKey> posted = new ArrayList<>();

    public InMemoryLedger(Clock clock) {
        this.clock = clock;
    }

    @Override
    public PostingResult post(Posting posting) {
        LedgerBook book = books.computeIfAbsent(posting.memberId(), m -> LedgerBook.of(m, List.of()));
        if (!keys.add(posting.key())) return new PostingResult(posting, PostingResult.Outcome.DUPLICATE, List.of(), null);
        LedgerBook.Plan plan = book.plan(posting, clock.instant());
        if (plan.conflict() != null) {
            keys.remove(posting.key());
            return new PostingResult(posting, PostingResult.Outcome.CONFLICT, List.of(), plan.conflict());
        }
        book.append(plan.entries());
        posted.add(new PostedKey(posting.kind(), posting.sourceId(), posting.memberId()));
        return new PostingResult(posting, PostingResult.Outcome.POSTED, plan.entries(), null);
    }

    @Override
    public List<PostingResult> postAll(List<? extends Posting> postings) {
        List<PostingResult> out = new ArrayList<>(postings.size());
        for (Posting p : postings) out.add(post(p));
        return out;
    }

    @Override
    public List<LedgerEntry> entries(String memberId) {
        LedgerBook book = books.get(memberId);
        return book == null ? List.of() : book.entries();
    }

    @Override
    public Map<String, List<PointsLotState>> lots(Collection<String> memberIds) {
        Map<String, List<PointsLotState>> out = new LinkedHashMap<>();
        for (String m : memberIds) {
            LedgerBook book = books.get(m);
            if (book != null && book.nextEntryNo() > 1) out.put(m, book.lots());
        }
        return out;
    }

    /** As the JDBC ledger: members with a lot whose expiry is due and that no expiry posting has taken yet. */
    @Override
    public List<String> membersWithLotsDue(Instant asOf, String afterMemberId, int limit) {
        List<String> out = new ArrayList<>();
        Map<String, LedgerBook> from = afterMemberId == null ? books : ((TreeMap<String, LedgerBook>) books).tailMap(afterMemberId, false);
        for (LedgerBook book : from.values()) {
            if (out.size() >= limit) break;
            for (PointsLotState l : book.lots()) {
                if (!l.expiresAt().isAfter(asOf) && !keys.contains(EntryKind.EXPIRY + ":" + l.lotId())) {
                    out.add(book.memberId());
                    break;
                }
            }
        }
        return out;
    }

    /** Every posting appended, in the order appended. */
    public List<PostedKey> postedKeys() {
        return posted;
    }

    /** Every member's entries, members in id order, each member's in entry order. */
    public Map<String, List<LedgerEntry>> entries() {
        Map<String, List<LedgerEntry>> out = new LinkedHashMap<>();
        books.forEach((m, b) -> out.put(m, b.entries()));
        return out;
    }
}
