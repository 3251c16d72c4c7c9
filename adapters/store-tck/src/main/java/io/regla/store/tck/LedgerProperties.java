package io.regla.store.tck;

import io.regla.rules.loyalty.ledger.EntryKind;
import io.regla.rules.loyalty.ledger.Ledger;
import io.regla.rules.loyalty.ledger.LedgerStore;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import io.regla.rules.loyalty.ledger.LotDraw;
import io.regla.rules.loyalty.ledger.PointsBalance;
import io.regla.rules.loyalty.ledger.PointsLotState;
import io.regla.rules.loyalty.ledger.Posting;
import io.regla.rules.loyalty.ledger.PostingResult.Outcome;
import io.regla.api.spi.Store;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Ledger invariants under random sequences of postings; a backend's test extends this. */
public abstract class LedgerProperties {

    protected abstract LedgerStore store();

    private static final Instant T0 = Instant.parse("2024-01-01T03:00:00Z");

    /** One step of a random history: what to do, how many points, how far the clock moves first. */
    public record Op(Kind kind, int points, int days, int pick) {
    }

    public enum Kind { ACCRUE, REDEEM, REFUND, EXPIRE, GOODWILL }

    @Provide
    Arbitrary<List<Op>> histories() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(1, 400),
                Arbitraries.integers().between(0, 120), Arbitraries.integers().between(0, 1000)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 50)
    void balanceIsTheSumOfEntriesAndNegativeOnlyByRefunds(@ForAll("histories") List<Op> history) {
        Ledger ledger = store().ledger();
        String m = "P-" + UUID.randomUUID();
        Instant at = T0;
        int n = 0;
        for (Op op : history) {
            n++;
            at = at.plus(Duration.ofDays(op.days()));
            apply(ledger, m, op, at, "s" + n);
            check(ledger, m, at);
        }
    }

    @Property(tries = 40)
    void theSameSourcePostedManyTimesAccruesOnce(@ForAll @IntRange(min = 2, max = 6) int times, @ForAll boolean batched,
                                                 @ForAll @IntRange(min = 1, max = 1000) int points) {
        Ledger ledger = store().ledger();
        String m = "D-" + UUID.randomUUID();
        Posting.Accrual a = accrual(m, m + "-T", points, T0);
        List<Posting> same = new ArrayList<>();
        for (int i = 0; i < times; i++) same.add(a);
        if (batched) {
            assertThat(ledger.postAll(same)).filteredOn(r -> r.outcome() == Outcome.POSTED).hasSize(1);
        } else {
            assertThat(same.stream().map(ledger::post).filter(r -> r.outcome() == Outcome.POSTED)).hasSize(1);
        }
        assertThat(ledger.entries(m)).hasSize(1);
        assertThat(ledger.balance(m, T0).balance()).isEqualTo(points);
    }

    @Property(tries = 25)
    void reversingAWholeUntouchedAccrualRestoresTheBalance(@ForAll("histories") List<Op> history,
                                                           @ForAll @IntRange(min = 1, max = 2000) int points) {
        Ledger ledger = store().ledger();
        String m = "R-" + UUID.randomUUID();
        Instant at = T0;
        int n = 0;
        for (Op op : history) {
            at = at.plus(Duration.ofDays(op.days()));
            apply(ledger, m, op, at, "s" + ++n);
        }
        PointsBalance before = ledger.balance(m, at);
        ledger.post(accrual(m, m + "-X", points, at));
        ledger.post(new Posting.Reversal(m, m + "-F", m + "-X", points, at));
        assertThat(ledger.balance(m, at).balance()).isEqualTo(before.balance());
        assertThat(ledger.balance(m, at).negative()).isEqualTo(before.negative());
        check(ledger, m, at);
    }

    private static Posting.Accrual accrual(String m, String source, long points, Instant at) {
        return new Posting.Accrual(m, source, points, at, at.plus(Duration.ofDays(10)), at.plus(Duration.ofDays(730)), "property");
    }

    /**
     * Eight threads play random histories on one member at once (their redemptions drawn from views that
     * go stale under them): the ledger refuses what the lots no longer hold, and every invariant holds.
     */
    @Property(tries = 8)
    void eightThreadsOnOneMemberKeepEveryInvariant(@ForAll("histories") List<Op> a, @ForAll("histories") List<Op> b) throws Exception {
        Ledger ledger = store().ledger();
        String m = "C-" + UUID.randomUUID();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Instant>> done = new ArrayList<>();
        try {
            for (int t = 0; t < 8; t++) {
                List<Op> history = t % 2 == 0 ? a : b;
                String thread = "t" + t + "-";
                done.add(pool.submit(() -> {
                    start.await();
                    Instant at = T0;
                    int n = 0;
                    for (Op op : history) {
                        at = at.plus(Duration.ofDays(op.days()));
                        apply(ledger, m, op, at, thread + ++n, false);
                    }
                    return at;
                }));
            }
            start.countDown();
            Instant last = T0;
            for (java.util.concurrent.Future<Instant> f : done) {
                Instant at = f.get();
                if (at.isAfter(last)) last = at;
            }
            check(ledger, m, last);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void apply(Ledger ledger, String m, Op op, Instant at, String source) {
        apply(ledger, m, op, at, source, true);
    }

    /** @param alone whether this is the only writer (then every redemption and expiry must go through) */
    private static void apply(Ledger ledger, String m, Op op, Instant at, String source, boolean alone) {
        List<PointsLotState> lots = ledger.lots(m);
        switch (op.kind()) {
            case ACCRUE -> ledger.post(accrual(m, m + source, op.points(), at));
            case GOODWILL -> ledger.post(new Posting.Adjustment(m, m + source, op.points(), at, at.plus(Duration.ofDays(365)), "goodwill"));
            case REDEEM -> {
                // what the rules would ask: oldest expiry first from the available lots
                List<PointsLotState> open = lots.stream().filter(l -> l.availableAt(at))
                        .sorted(Comparator.comparing(PointsLotState::expiresAt)).toList();
                long want = op.points();
                List<LotDraw> draws = new ArrayList<>();
                for (PointsLotState l : open) {
                    if (want == 0) break;
                    long take = Math.min(want, l.remaining());
                    draws.add(new LotDraw(l.lotId(), take));
                    want -= take;
                }
                if (draws.isEmpty()) return;
                Outcome o = ledger.post(new Posting.Redemption(m, m + source, at, draws)).outcome();
                if (alone) assertThat(o).isEqualTo(Outcome.POSTED);
                else assertThat(o).isIn(Outcome.POSTED, Outcome.CONFLICT);
            }
            case REFUND -> {
                if (lots.isEmpty()) return;
                PointsLotState lot = lots.get(op.pick() % lots.size());
                long points = Math.max(1, lot.points() * (op.pick() % 101) / 100);
                ledger.post(new Posting.Reversal(m, m + source, lot.lotId(), points, at));
            }
            case EXPIRE -> {
                for (PointsLotState l : lots) {
                    if (!l.expired() && l.remaining() > 0 && !at.isBefore(l.expiresAt())) {
                        Outcome o = ledger.post(new Posting.Expiry(m, l.lotId(), at)).outcome();
                        if (alone) assertThat(o).isEqualTo(Outcome.POSTED);
                        else assertThat(o).isIn(Outcome.POSTED, Outcome.DUPLICATE);
                    }
                }
            }
        }
    }

    private static void check(Ledger ledger, String m, Instant at) {
        List<LedgerEntry> entries = ledger.entries(m);
        long sum = entries.stream().mapToLong(LedgerEntry::points).sum();
        PointsBalance b = ledger.balance(m, at);
        assertThat(b.balance()).isEqualTo(sum);
        assertThat(b.available() + b.pending() + b.lapsing() - b.negative()).isEqualTo(sum);
        assertThat(b.available()).isNotNegative();
        assertThat(b.pending()).isNotNegative();
        for (PointsLotState l : ledger.lots(m)) assertThat(l.remaining()).isBetween(0L, l.points());
        long lotless = entries.stream().filter(e -> !e.hasLot()).mapToLong(LedgerEntry::points).sum();
        assertThat(b.negative()).isEqualTo(-lotless);
        // the refund policy is the only way below zero, and a negative balance never sits beside spendable points
        assertThat(entries.stream().filter(e -> !e.hasLot() && e.points() < 0)).allMatch(e -> e.kind() == EntryKind.REVERSAL);
        if (b.negative() > 0) {
            assertThat(b.available()).isZero();
            assertThat(b.pending()).isZero();
        }
        assertThat(entries).extracting(LedgerEntry::entryNo)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, entries.size()).boxed().toList());
    }
}
