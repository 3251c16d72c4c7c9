package io.regla.rules.loyalty;

import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.rules.loyalty.ledger.EntryKind;
import io.regla.rules.loyalty.ledger.Ledger;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refunds of one purchase are cumulative (issue 11): whatever the parts and however many runs they come
 * in, together they never reverse more than the purchase earned; a refund past what is left is rejected
 * (REFUND_EXCEEDS_TRANSACTION) and reverses nothing; each reversal carries its refund id.
 */
class CumulativeRefundProperties {

    private static final DroolsEngine ENGINE = Regla.builder().bundledRules().buildDrools();
    private static final JdbcStore STORE = JdbcStore.h2(tempDir().resolve("refunds"), Clock.systemUTC());
    private static final OffsetDateTime BOUGHT = OffsetDateTime.parse("2025-03-10T10:00:00-03:00");

    @AfterContainer
    static void close() {
        ENGINE.close();
        STORE.close();
    }

    private static Path tempDir() {
        try {
            Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(Path.of("target"), "refunds");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Example
    void twoSixtyPercentRefundsOfAHundredPointPurchaseReverseSixty() {
        Outcome o = run(10_000, List.of(60, 60), false);
        assertThat(o.earned).isEqualTo(100);
        assertThat(o.reversed).isEqualTo(60);
        assertThat(o.rejected).containsExactly("REFUND_EXCEEDS_TRANSACTION");
        assertThat(o.reversalSources).containsExactly(o.refundIds.get(0));
    }

    @Property(tries = 15)
    void cumulativeRefundsNeverReverseMoreThanEarned(@ForAll @IntRange(min = 100, max = 3_000_000) int amount,
                                                    @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 1, max = 100) Integer> percents,
                                                    @ForAll boolean eachInALaterRun) {
        Outcome o = run(amount, percents, eachInALaterRun);
        assertThat(o.reversed).isLessThanOrEqualTo(o.earned);
        // accepted while the parts add up to at most the purchase, then every further part is rejected and reverses nothing
        int total = 0, accepted = 0;
        List<String> expectedSources = new ArrayList<>();
        long expectedReversed = 0;
        for (int i = 0; i < percents.size(); i++) {
            if (total + percents.get(i) <= 100) {
                total += percents.get(i);
                accepted++;
                long upTo = Points.proportional(o.earned, BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(total)).movePointLeft(2),
                        BigDecimal.valueOf(amount));
                if (upTo > expectedReversed) expectedSources.add(o.refundIds.get(i));
                expectedReversed = upTo;
            }
        }
        assertThat(o.rejected).hasSize(percents.size() - accepted).allMatch("REFUND_EXCEEDS_TRANSACTION"::equals);
        assertThat(o.reversed).isEqualTo(expectedReversed);
        assertThat(o.reversalSources).containsExactlyElementsOf(expectedSources);
    }

    /** Rejection codes, one per rejected refund, from reports' per-code counts. */
    private static final class Rejected extends ArrayList<String> {
        void addAll(java.util.Map<String, Long> counts) {
            counts.forEach((code, n) -> {
                for (long i = 0; i < n; i++) add(code);
            });
        }
    }

    private record Outcome(long earned, long reversed, List<String> rejected, List<String> refundIds, List<String> reversalSources) {
    }

    private Outcome run(int amount, List<Integer> percents, boolean eachInALaterRun) {
        Ledger ledger = STORE.ledger();
        String run = UUID.randomUUID().toString().substring(0, 8) + "-";
        Member m = new Member(run + "M", Tier.CLASSIC, MemberStatus.ACTIVE, BOUGHT.toLocalDate());
        BigDecimal total = BigDecimal.valueOf(amount);
        CardTransaction t = new CardTransaction(run + "T", m.id(), total, "ARS", "OTHER", "POS", "X", BOUGHT);
        LoyaltyProcessor processor = LoyaltyProcessor.builder(ENGINE, ledger).members(id -> m).build();
        processor.process(List.of(t));
        Rejected rejected = new Rejected();
        List<String> ids = new ArrayList<>();
        List<Object> refunds = new ArrayList<>();
        for (int i = 0; i < percents.size(); i++) {
            // whole cents: the part of the purchase this refund gives back
            BigDecimal part = total.multiply(BigDecimal.valueOf(percents.get(i))).movePointLeft(2);
            Refund f = new Refund(run + "F" + i, t.id(), part, BOUGHT.plusDays(20).plusHours(i));
            ids.add(f.id());
            refunds.add(f);
        }
        if (eachInALaterRun) {
            for (Object f : refunds) {
                // a new processor each time: nothing in memory, the purchase and earlier refunds come from the store
                rejected.addAll(LoyaltyProcessor.builder(ENGINE, ledger).members(id -> m).build().process(List.of(f)).rejections());
            }
        } else {
            rejected.addAll(processor.process(refunds).rejections());
        }
        List<LedgerEntry> entries = ledger.entries(m.id());
        long earned = entries.stream().filter(e -> e.kind() == EntryKind.ACCRUAL).mapToLong(LedgerEntry::points).sum();
        long reversed = -entries.stream().filter(e -> e.kind() == EntryKind.REVERSAL).mapToLong(LedgerEntry::points).sum();
        List<String> sources = entries.stream().filter(e -> e.kind() == EntryKind.REVERSAL).map(LedgerEntry::sourceId).distinct().toList();
        return new Outcome(earned, reversed, rejected, ids, sources);
    }
}
