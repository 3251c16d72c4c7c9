package io.regla.rules.loyalty.ledger;

import io.regla.api.spi.StoreException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One member's ledger in memory: derives lots and balances from the entries, and plans the entries a
 * posting appends. Every backend appends what this plans while it holds the member (a row lock or a
 * conditional write on the member's entry count), so the policy lives in one place.
 */
public final class LedgerBook {

    /** Lots are drawn oldest expiry first (ties: earliest earned, then lot id). */
    public static final Comparator<PointsLotState> DRAW_ORDER = Comparator.comparing(PointsLotState::expiresAt)
            .thenComparing(PointsLotState::earnedAt).thenComparing(PointsLotState::lotId);

    private final String memberId;
    private final List<LedgerEntry> entries;
    private final Map<String, PointsLotState> lots = new LinkedHashMap<>();
    private long sum;
    private long lotless;
    private long expired;

    private LedgerBook(String memberId, List<LedgerEntry> entries) {
        this.memberId = memberId;
        this.entries = new ArrayList<>(entries);
        for (LedgerEntry e : entries) apply(e);
    }

    /** @param entries the member's entries in entry order */
    public static LedgerBook of(String memberId, List<LedgerEntry> entries) {
        return new LedgerBook(memberId, entries);
    }

    private void apply(LedgerEntry e) {
        if (!e.memberId().equals(memberId)) {
            throw new IllegalArgumentException("entry of member " + e.memberId() + " in the book of " + memberId);
        }
        sum += e.points();
        if (e.kind() == EntryKind.EXPIRY) expired -= e.points();
        if (!e.hasLot()) {
            lotless += e.points();
            return;
        }
        PointsLotState lot = lots.get(e.lotId());
        if (lot == null) {
            if (e.availableAt() == null || e.expiresAt() == null) {
                throw new StoreException("ledger of " + memberId + ": entry " + e.entryNo() + " names lot " + e.lotId()
                        + " before any entry opened it");
            }
            lots.put(e.lotId(), new PointsLotState(e.lotId(), memberId, e.sourceId(), e.points(), e.points(),
                    e.occurredAt(), e.availableAt(), e.expiresAt(), false));
        } else {
            lots.put(e.lotId(), new PointsLotState(lot.lotId(), memberId, lot.sourceId(), lot.points(),
                    lot.remaining() + e.points(), lot.earnedAt(), lot.availableAt(), lot.expiresAt(),
                    lot.expired() || e.kind() == EntryKind.EXPIRY));
        }
    }

    public String memberId() {
        return memberId;
    }

    public List<LedgerEntry> entries() {
        return List.copyOf(entries);
    }

    /** The number the next entry gets. */
    public long nextEntryNo() {
        return entries.isEmpty() ? 1 : entries.get(entries.size() - 1).entryNo() + 1;
    }

    public List<PointsLotState> lots() {
        return List.copyOf(lots.values());
    }

    /** The sum of every entry. */
    public long sum() {
        return sum;
    }

    public long negative() {
        return Math.max(0, -lotless);
    }

    public PointsBalance balance(Instant asOf) {
        long available = 0, pending = 0, lapsing = 0;
        for (PointsLotState l : lots.values()) {
            if (l.pendingAt(asOf)) pending += l.remaining();
            else if (l.availableAt(asOf)) available += l.remaining();
            else if (l.lapsingAt(asOf)) lapsing += l.remaining();
        }
        return new PointsBalance(memberId, asOf, sum, available, pending, lapsing, expired, negative());
    }

    public PointsStatement statement(Instant asOf) {
        List<StatementLine> lines = new ArrayList<>(entries.size());
        long running = 0;
        for (LedgerEntry e : entries) {
            running += e.points();
            lines.add(new StatementLine(e, running));
        }
        return new PointsStatement(memberId, lines, balance(asOf));
    }

    /** The entries a posting appends, or why it cannot be appended now. */
    public record Plan(List<LedgerEntry> entries, String conflict) {
        static Plan conflict(String why) {
            return new Plan(List.of(), why);
        }
    }

    /**
     * Plans a posting against the book as it is. Entries come numbered from {@link #nextEntryNo()} and
     * stamped with {@code recordedAt}; {@link #append} them once written.
     */
    public Plan plan(Posting posting, Instant recordedAt) {
        if (!posting.memberId().equals(memberId)) {
            throw new IllegalArgumentException("posting " + posting.key() + " of member " + posting.memberId() + " planned in the book of " + memberId);
        }
        List<LedgerEntry> out = new ArrayList<>();
        String conflict;
        if (posting instanceof Posting.Accrual a) {
            conflict = openLot(a.sourceId(), a.sourceId(), EntryKind.ACCRUAL, a.points(), a.occurredAt(),
                    a.availableAt(), a.expiresAt(), a.note(), out);
        } else if (posting instanceof Posting.Redemption r) {
            conflict = redeem(r, out);
        } else if (posting instanceof Posting.Reversal r) {
            conflict = draw(EntryKind.REVERSAL, r.sourceId(), r.transactionId(), r.points(), r.occurredAt(),
                    "refund of transaction " + r.transactionId(), out);
        } else if (posting instanceof Posting.Expiry x) {
            conflict = expire(x, out);
        } else {
            Posting.Adjustment a = (Posting.Adjustment) posting;
            conflict = a.points() > 0
                    ? openLot("ADJUSTMENT:" + a.sourceId(), a.sourceId(), EntryKind.ADJUSTMENT, a.points(), a.occurredAt(),
                            a.occurredAt(), a.expiresAt(), a.note(), out)
                    : draw(EntryKind.ADJUSTMENT, a.sourceId(), null, -a.points(), a.occurredAt(), a.note(), out);
        }
        if (conflict != null) return Plan.conflict(conflict);
        long no = nextEntryNo();
        List<LedgerEntry> numbered = new ArrayList<>(out.size());
        for (LedgerEntry e : out) numbered.add(e.numbered(no++, recordedAt));
        return new Plan(numbered, null);
    }

    /** Adds entries that were written (in order, numbered after the last). */
    public void append(List<LedgerEntry> written) {
        for (LedgerEntry e : written) {
            if (e.entryNo() != nextEntryNo()) {
                throw new IllegalArgumentException("entry " + e.entryNo() + " appended where " + nextEntryNo() + " was due");
            }
            entries.add(e);
            apply(e);
        }
    }

    private String openLot(String lotId, String sourceId, EntryKind kind, long points, Instant at, Instant availableAt,
                           Instant expiresAt, String note, List<LedgerEntry> out) {
        if (lots.containsKey(lotId)) return "lot " + lotId + " already exists";
        out.add(new LedgerEntry(memberId, 0, kind, sourceId, lotId, points, at, availableAt, expiresAt, null, note));
        long repay = Math.min(points, negative());
        if (repay > 0) {
            out.add(new LedgerEntry(memberId, 0, EntryKind.ADJUSTMENT, sourceId, LedgerEntry.NO_LOT, repay, at, null, null, null,
                    "negative balance repaid by lot " + lotId));
            out.add(new LedgerEntry(memberId, 0, EntryKind.ADJUSTMENT, sourceId, lotId, -repay, at, null, null, null,
                    "repays the negative balance"));
        }
        return null;
    }

    private String redeem(Posting.Redemption r, List<LedgerEntry> out) {
        Map<String, Long> taken = new HashMap<>();
        for (LotDraw d : r.lots()) {
            PointsLotState lot = lots.get(d.lotId());
            if (lot == null) return "no lot " + d.lotId();
            long already = taken.merge(d.lotId(), d.points(), Long::sum) - d.points();
            if (!lot.availableAt(r.occurredAt())) return "lot " + d.lotId() + " is not available at " + r.occurredAt();
            if (lot.remaining() - already < d.points()) {
                return "lot " + d.lotId() + " holds " + (lot.remaining() - already) + ", not " + d.points();
            }
            out.add(new LedgerEntry(memberId, 0, EntryKind.REDEMPTION, r.sourceId(), d.lotId(), -d.points(), r.occurredAt(),
                    null, null, null, null));
        }
        return null;
    }

    /** Takes points from the named lot first, then available lots, then pending ones; the rest goes negative. */
    private String draw(EntryKind kind, String sourceId, String firstLot, long points, Instant at, String note,
                        List<LedgerEntry> out) {
        List<PointsLotState> order = new ArrayList<>();
        PointsLotState first = firstLot == null ? null : lots.get(firstLot);
        if (first != null && first.remaining() > 0 && !first.expired() && !first.lapsingAt(at)) order.add(first);
        List<PointsLotState> others = new ArrayList<>();
        for (PointsLotState l : lots.values()) {
            if (l != first) others.add(l);
        }
        others.sort(DRAW_ORDER);
        others.stream().filter(l -> l.availableAt(at)).forEach(order::add);
        others.stream().filter(l -> l.pendingAt(at)).forEach(order::add);
        long left = points;
        for (PointsLotState l : order) {
            if (left == 0) break;
            long take = Math.min(left, l.remaining());
            out.add(new LedgerEntry(memberId, 0, kind, sourceId, l.lotId(), -take, at, null, null, null, note));
            left -= take;
        }
        if (left > 0) {
            out.add(new LedgerEntry(memberId, 0, kind, sourceId, LedgerEntry.NO_LOT, -left, at, null, null, null,
                    note == null ? "not covered by any lot" : note + ", not covered by any lot"));
        }
        return null;
    }

    private String expire(Posting.Expiry x, List<LedgerEntry> out) {
        PointsLotState lot = lots.get(x.sourceId());
        if (lot == null) return "no lot " + x.sourceId();
        if (x.occurredAt().isBefore(lot.expiresAt())) return "lot " + lot.lotId() + " expires at " + lot.expiresAt();
        if (lot.remaining() > 0 && !lot.expired()) {
            out.add(new LedgerEntry(memberId, 0, EntryKind.EXPIRY, x.sourceId(), lot.lotId(), -lot.remaining(), x.occurredAt(),
                    null, null, null, null));
        }
        return null;
    }
}
