package io.regla.examples.loyalty;

import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.rules.loyalty.ledger.Ledger;
import io.regla.rules.loyalty.ledger.PointsBalance;
import io.regla.rules.loyalty.ledger.PointsStatement;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.examples.DemoPart;
import io.regla.rules.loyalty.CardTransaction;
import io.regla.rules.loyalty.LoyaltyProcessor;
import io.regla.rules.loyalty.LoyaltyReport;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 5 end to end: 10,000 synthetic members with balances migrated from the old CRM, a year of card
 * transactions, refunds and redemptions replayed through {@code loyalty} 1.0.1 (to June) and 1.1.1 (from
 * July; the lean re-implementations of 1.0.0 and 1.1.0, same decisions) into the ledger on H2, with a monthly expiry run; prints what was accrued, redeemed, reversed and
 * expired, the top categories, and checks that every member's balance is the sum of its entries.
 */
public final class LoyaltyDemo implements DemoPart {

    /** Where the demo leaves its ledger, for {@code regla loyalty statement}. */
    static Path defaultDatabase() {
        return Path.of(System.getProperty("java.io.tmpdir"), "regla-demo", "loyalty");
    }

    @Override
    public String title() {
        return "Loyalty points: a year of 10,000 members through loyalty 1.0.1 and 1.1.1";
    }

    @Override
    public void run(PrintWriter out) throws Exception {
        run(out, defaultDatabase(), 10_000, 0.6);
    }

    /** @param db the H2 file to (re)create, without {@code .mv.db} */
    void run(PrintWriter out, Path db, int memberCount, double transactionsPerMemberMonth) throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(db.getParent());
        Files.deleteIfExists(db.resolveSibling(db.getFileName() + ".mv.db"));
        SyntheticLoyalty bank = new SyntheticLoyalty(2025, memberCount, 2025, transactionsPerMemberMonth);
        try (DroolsEngine engine = Regla.builder().bundledRules().buildDrools();
             JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            Ledger ledger = store.ledger();
            ledger.postAll(bank.openingBalances());
            LoyaltyProcessor processor = LoyaltyProcessor.builder(engine, ledger).members(bank.members::get)
                    .campaigns(bank.campaigns).batchSize(1000).build();
            Totals totals = new Totals();
            for (int month = 1; month <= 12; month++) {
                List<Object> events = bank.month(month);
                totals.add(processor.process(events));
                Instant monthEnd = LocalDate.of(bank.year(), month, 1).plusMonths(1).atStartOfDay(SyntheticLoyalty.ZONE).toInstant();
                totals.add(processor.expire(monthEnd));
            }
            Instant yearEnd = LocalDate.of(bank.year() + 1, 1, 1).atStartOfDay(SyntheticLoyalty.ZONE).toInstant();
            long checked = 0, negative = 0, balanceSum = 0;
            for (String id : bank.members.keySet()) {
                PointsStatement statement = ledger.statement(id, yearEnd);
                PointsBalance b = statement.balance();
                long sum = statement.lines().stream().mapToLong(l -> l.entry().points()).sum();
                if (b.balance() != sum) throw new IllegalStateException("member " + id + ": balance " + b.balance() + " != entries " + sum);
                checked++;
                balanceSum += b.balance();
                if (b.negative() > 0) negative++;
            }
            out.printf("  %,d members (%,d migrated CRM lots), %,d transactions, %,d engine calls%n", bank.members.size(),
                    bank.members.size(), totals.transactions(), totals.decisions);
            totals.byVersion.forEach((v, points) -> out.printf("  loyalty %-6s %,9d transactions  %,12d points accrued%n", v,
                    totals.txByVersion.getOrDefault(v, 0L), points));
            out.printf("  accrued %,d  redeemed %,d  reversed by refunds %,d  expired %,d  (points)%n", totals.accrued,
                    totals.redeemed, totals.reversed, totals.expired);
            out.println("  top categories by points accrued:");
            totals.byCategory.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                    .forEach(e -> out.printf("    %-12s %,12d%n", e.getKey(), e.getValue()));
            out.println("  rejections: " + totals.rejections);
            out.printf("  ledger check: %,d balances equal the sum of their entries (total %,d points, %d members negative)%n",
                    checked, balanceSum, negative);
            out.printf("  ledger in %s.mv.db; try: ./regla loyalty statement M00042%s%n", db,
                    db.equals(defaultDatabase()) ? "" : " --db " + db);
            out.printf("  took %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    /** Sums the monthly reports. */
    private static final class Totals {
        long decisions, accrued, redeemed, reversed, expired;
        final Map<String, Long> byVersion = new TreeMap<>();
        final Map<String, Long> txByVersion = new TreeMap<>();
        final Map<String, Long> byCategory = new TreeMap<>();
        final Map<String, Long> rejections = new TreeMap<>();

        void add(LoyaltyReport r) {
            decisions += r.decisions();
            accrued += r.accrued();
            redeemed += r.redeemed();
            reversed += r.reversed();
            expired += r.expired();
            r.accruedByVersion().forEach((k, v) -> byVersion.merge(k, v, Long::sum));
            r.transactionsByVersion().forEach((k, v) -> txByVersion.merge(k, v, Long::sum));
            r.accruedByCategory().forEach((k, v) -> byCategory.merge(k, v, Long::sum));
            r.rejections().forEach((k, v) -> rejections.merge(k, v, Long::sum));
        }

        long transactions() {
            return txByVersion.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
