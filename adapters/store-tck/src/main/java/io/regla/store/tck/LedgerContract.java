package io.regla.store.tck;

import io.regla.rules.loyalty.ledger.EntryKind;
import io.regla.rules.loyalty.ledger.Ledger;
import io.regla.rules.loyalty.ledger.LedgerStore;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import io.regla.rules.loyalty.ledger.LotDraw;
import io.regla.rules.loyalty.ledger.PointsBalance;
import io.regla.rules.loyalty.ledger.PointsLotState;
import io.regla.rules.loyalty.ledger.PointsStatement;
import io.regla.rules.loyalty.ledger.Posting;
import io.regla.rules.loyalty.ledger.PostingResult;
import io.regla.rules.loyalty.ledger.PostingResult.Outcome;
import io.regla.api.spi.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** What every ledger backend must do: derived balances, idempotent postings, the refund policy, concurrency. */
public abstract class LedgerContract {

    protected abstract LedgerStore store();

    protected static final Instant T0 = Instant.parse("2025-03-10T13:00:00Z");
    protected String run;

    @BeforeEach
    void newRun() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    protected String id(String local) {
        return run + "-" + local;
    }

    protected static Posting.Accrual accrual(String member, String tx, long points, Instant at) {
        return new Posting.Accrual(member, tx, points, at, at.plus(Duration.ofDays(10)), at.plus(Duration.ofDays(730)), "test");
    }

    @Test
    void balancesAreDerivedFromEntriesAtEachInstant() {
        Ledger ledger = store().ledger();
        String m = id("M");
        assertThat(ledger.post(accrual(m, id("T1"), 100, T0)).outcome()).isEqualTo(Outcome.POSTED);
        assertThat(ledger.balance(m, T0.plus(Duration.ofDays(1))))
                .isEqualTo(new PointsBalance(m, T0.plus(Duration.ofDays(1)), 100, 0, 100, 0, 0, 0));
        assertThat(ledger.balance(m, T0.plus(Duration.ofDays(10))).available()).isEqualTo(100);
        Instant after = T0.plus(Duration.ofDays(731));
        assertThat(ledger.balance(m, after).lapsing()).isEqualTo(100);
        PostingResult expiry = ledger.post(new Posting.Expiry(m, id("T1"), T0.plus(Duration.ofDays(730))));
        assertThat(expiry.points()).isEqualTo(-100);
        assertThat(ledger.balance(m, after)).isEqualTo(new PointsBalance(m, after, 0, 0, 0, 0, 100, 0));
        assertThat(ledger.balance(id("nobody"), after).balance()).isZero();
    }

    @Test
    void theSameSourceIsPostedOnceEvenInOneBatch() {
        Ledger ledger = store().ledger();
        String m = id("M");
        List<PostingResult> r = ledger.postAll(List.of(accrual(m, id("T1"), 100, T0), accrual(m, id("T1"), 100, T0)));
        assertThat(r).extracting(PostingResult::outcome).containsExactly(Outcome.POSTED, Outcome.DUPLICATE);
        assertThat(ledger.post(accrual(m, id("T1"), 999, T0)).outcome()).isEqualTo(Outcome.DUPLICATE);
        // the same transaction id under another member is still the same source
        assertThat(ledger.post(accrual(id("M2"), id("T1"), 100, T0)).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(ledger.entries(m)).hasSize(1);
        assertThat(ledger.entries(id("M2"))).isEmpty();
    }

    @Test
    void aRedemptionTakesItsLotsOrNothing() {
        Ledger ledger = store().ledger();
        String m = id("M");
        ledger.postAll(List.of(accrual(m, id("A"), 100, T0), accrual(m, id("B"), 50, T0.plusSeconds(60))));
        Instant at = T0.plus(Duration.ofDays(11));
        PostingResult ok = ledger.post(new Posting.Redemption(m, id("R1"), at, List.of(new LotDraw(id("A"), 100), new LotDraw(id("B"), 20))));
        assertThat(ok.outcome()).isEqualTo(Outcome.POSTED);
        assertThat(ok.entries()).extracting(LedgerEntry::kind).containsOnly(EntryKind.REDEMPTION);
        PostingResult over = ledger.post(new Posting.Redemption(m, id("R2"), at, List.of(new LotDraw(id("B"), 31))));
        assertThat(over.outcome()).isEqualTo(Outcome.CONFLICT);
        assertThat(over.reason()).contains("holds 30");
        PostingResult pending = ledger.post(accrual(m, id("C"), 40, at));
        assertThat(pending.outcome()).isEqualTo(Outcome.POSTED);
        assertThat(ledger.post(new Posting.Redemption(m, id("R3"), at, List.of(new LotDraw(id("C"), 1)))).outcome())
                .isEqualTo(Outcome.CONFLICT);
        // a refused redemption leaves its key free: decided again on fresh lots, it goes through
        assertThat(ledger.post(new Posting.Redemption(m, id("R2"), at, List.of(new LotDraw(id("B"), 30)))).outcome())
                .isEqualTo(Outcome.POSTED);
        assertThat(ledger.balance(m, at)).isEqualTo(new PointsBalance(m, at, 40, 0, 40, 0, 0, 0));
    }

    @Test
    void refundsClawBackFromTheTransactionsLotThenOthersThenGoNegativeAndLaterAccrualsRepay() {
        Ledger ledger = store().ledger();
        String m = id("M");
        ledger.postAll(List.of(accrual(m, id("OLD"), 30, T0), accrual(m, id("NEWER"), 30, T0.plus(Duration.ofDays(1))),
                accrual(m, id("T"), 50, T0.plus(Duration.ofDays(2)))));
        Instant at = T0.plus(Duration.ofDays(20));
        ledger.post(new Posting.Redemption(m, id("R"), at, List.of(new LotDraw(id("T"), 40))));
        PostingResult rev = ledger.post(new Posting.Reversal(m, id("F1"), id("T"), 100, at));
        assertThat(rev.entries()).extracting(LedgerEntry::lotId, LedgerEntry::points)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id("T"), -10L), org.assertj.core.groups.Tuple.tuple(id("OLD"), -30L),
                        org.assertj.core.groups.Tuple.tuple(id("NEWER"), -30L), org.assertj.core.groups.Tuple.tuple("", -30L));
        assertThat(ledger.balance(m, at)).isEqualTo(new PointsBalance(m, at, -30, 0, 0, 0, 0, 30));
        ledger.post(accrual(m, id("T2"), 50, at));
        PointsBalance after = ledger.balance(m, at.plus(Duration.ofDays(11)));
        assertThat(after).isEqualTo(new PointsBalance(m, at.plus(Duration.ofDays(11)), 20, 20, 0, 0, 0, 0));
        assertThat(ledger.lots(m)).filteredOn(l -> l.lotId().equals(id("T2"))).extracting(PointsLotState::remaining).containsExactly(20L);
    }

    @Test
    void expiryIsOnceAndNotBeforeItsTime() {
        Ledger ledger = store().ledger();
        String m = id("M");
        ledger.post(accrual(m, id("T"), 70, T0));
        Instant due = T0.plus(Duration.ofDays(730));
        assertThat(ledger.post(new Posting.Expiry(m, id("T"), due.minusSeconds(1))).outcome()).isEqualTo(Outcome.CONFLICT);
        assertThat(ledger.membersWithLotsDue(due, null, 100)).contains(m);
        assertThat(ledger.membersWithLotsDue(due.minusSeconds(1), null, 100)).doesNotContain(m);
        assertThat(ledger.post(new Posting.Expiry(m, id("T"), due)).outcome()).isEqualTo(Outcome.POSTED);
        assertThat(ledger.post(new Posting.Expiry(m, id("T"), due)).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(ledger.membersWithLotsDue(due, null, 100)).doesNotContain(m);
        assertThat(ledger.balance(m, due).expired()).isEqualTo(70);
    }

    @Test
    void theStatementRunsTheBalanceEntryByEntry() {
        Ledger ledger = store().ledger();
        String m = id("M");
        ledger.post(accrual(m, id("A"), 100, T0));
        Instant at = T0.plus(Duration.ofDays(15));
        ledger.post(new Posting.Redemption(m, id("R"), at, List.of(new LotDraw(id("A"), 60))));
        ledger.post(new Posting.Adjustment(m, id("GOODWILL"), 25, at, at.plus(Duration.ofDays(365)), "apology"));
        PointsStatement s = ledger.statement(m, at);
        assertThat(s.lines()).extracting(l -> l.entry().entryNo()).containsExactly(1L, 2L, 3L);
        assertThat(s.lines()).extracting(l -> l.runningBalance()).containsExactly(100L, 40L, 65L);
        assertThat(s.balance().balance()).isEqualTo(65);
        assertThat(s.balance().available()).isEqualTo(65);
    }

    @Test
    void eightThreadsOnOneMemberNeverSpendAPointTwice() throws Exception {
        Ledger ledger = store().ledger();
        String m = id("M");
        Instant at = T0.plus(Duration.ofDays(30));
        List<Posting> seed = new ArrayList<>();
        for (int i = 0; i < 20; i++) seed.add(accrual(m, id("S" + i), 50, T0.plusSeconds(i)));
        ledger.postAll(seed);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<PostingResult>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Callable<List<PostingResult>> work = () -> {
                start.await();
                List<PostingResult> mine = new ArrayList<>();
                for (int i = 0; i < 15; i++) {
                    String key = id("t" + thread + "-" + i);
                    int op = ThreadLocalRandom.current().nextInt(4);
                    if (op == 0) {
                        mine.add(ledger.post(accrual(m, key, 20, at)));
                    } else if (op == 3) {
                        mine.add(ledger.post(new Posting.Reversal(m, key, id("S" + i), 15, at)));
                    } else {
                        // redeem from what this thread last saw: stale views must be refused, not double-spent
                        List<PointsLotState> open = ledger.lots(m).stream().filter(l -> l.availableAt(at)).toList();
                        if (open.isEmpty()) continue;
                        PointsLotState lot = open.get(ThreadLocalRandom.current().nextInt(open.size()));
                        mine.add(ledger.post(new Posting.Redemption(m, key, at, List.of(new LotDraw(lot.lotId(), Math.min(10, lot.remaining()))))));
                    }
                    // everyone also retries one shared source: exactly one of them accrues it
                    mine.add(ledger.post(accrual(m, id("shared-" + i), 5, at)));
                }
                return mine;
            };
            futures.add(pool.submit(work));
        }
        start.countDown();
        List<PostingResult> all = new ArrayList<>();
        for (Future<List<PostingResult>> f : futures) all.addAll(f.get());
        pool.shutdown();

        List<LedgerEntry> entries = ledger.entries(m);
        assertThat(entries).extracting(LedgerEntry::entryNo)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, entries.size()).boxed().toList());
        long sum = entries.stream().mapToLong(LedgerEntry::points).sum();
        PointsBalance b = ledger.balance(m, at);
        assertThat(b.balance()).isEqualTo(sum).isEqualTo(b.available() + b.pending() + b.lapsing() - b.negative());
        assertThat(ledger.lots(m)).allSatisfy(l -> assertThat(l.remaining()).isBetween(0L, l.points()));
        for (int i = 0; i < 15; i++) {
            String shared = id("shared-" + i);
            assertThat(all.stream().filter(r -> r.posting().sourceId().equals(shared) && r.outcome() == Outcome.POSTED)).hasSize(1);
        }
        long posted = all.stream().filter(r -> r.outcome() == Outcome.POSTED).mapToLong(PostingResult::points).sum();
        assertThat(posted + 20 * 50).isEqualTo(sum);
        if (b.negative() > 0) {
            assertThat(entries).anyMatch(e -> e.kind() == EntryKind.REVERSAL && !e.hasLot());
        }
    }
}
