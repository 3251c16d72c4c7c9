package io.regla.rules.loyalty.migration;

import io.regla.rules.loyalty.ledger.Ledger;
import io.regla.rules.loyalty.ledger.PointsStatement;
import io.regla.rules.loyalty.ledger.Posting;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * After the migration: every member's balance replayed through the effective-dated rules against the CRM's
 * {@code points_balance} at cut-over. The CRM's balance is what the bank told its customers, so it is the
 * opening balance: a drift is booked as an opening adjustment (key {@code ADJUSTMENT:OPENING-<member>},
 * idempotent) and reported as a finding with the member's replayed statement as evidence.
 * Drift = CRM − replayed: DRIFT_UP when the CRM shows more than the rules give, DRIFT_DOWN when less;
 * NO_HISTORY for a member with no transaction or redemption to replay.
 */
final class BalanceVerifier {

    static final String OPENING = "OPENING-";

    private final MigrationStore store;
    private final Ledger ledger;
    private final Instant cutover;
    private final ZoneId zone;
    private final int evidence;
    private final int perTier;

    BalanceVerifier(MigrationStore store, Ledger ledger, Instant cutover, ZoneId zone, int evidence, int perTier) {
        this.store = store;
        this.ledger = ledger;
        this.cutover = cutover;
        this.zone = zone;
        this.evidence = evidence;
        this.perTier = perTier;
    }

    BalanceVerification verify() {
        Map<BalanceClass, Long> counts = new EnumMap<>(BalanceClass.class);
        Map<BalanceClass, Long> driftPoints = new EnumMap<>(BalanceClass.class);
        for (BalanceClass k : BalanceClass.values()) {
            counts.put(k, 0L);
            driftPoints.put(k, 0L);
        }
        Map<String, Long> histogram = new LinkedHashMap<>();
        for (String b : BUCKETS) histogram.put(b, 0L);
        PriorityQueue<BalanceFinding> top = new PriorityQueue<>(Comparator.comparingLong((BalanceFinding f) -> Math.abs(f.drift())).thenComparing(BalanceFinding::memberId, Comparator.reverseOrder()));
        Map<String, PriorityQueue<BalanceFinding>> sample = new TreeMap<>();
        List<Posting> openings = new ArrayList<>();
        long[] sums = new long[3];
        store.balances(OPENING, b -> {
            BalanceClass kind = !b.hasHistory() ? BalanceClass.NO_HISTORY : b.crmBalance() == b.replayed() ? BalanceClass.MATCH
                    : b.crmBalance() > b.replayed() ? BalanceClass.DRIFT_UP : BalanceClass.DRIFT_DOWN;
            BalanceFinding f = new BalanceFinding(b.memberId(), b.tier(), kind, b.crmBalance(), b.replayed());
            counts.merge(kind, 1L, Long::sum);
            driftPoints.merge(kind, f.drift(), Long::sum);
            sums[0] += b.crmBalance();
            sums[1] += b.replayed();
            if (kind == BalanceClass.DRIFT_UP || kind == BalanceClass.DRIFT_DOWN) {
                histogram.merge(bucket(f.drift()), 1L, Long::sum);
                top.add(f);
                if (top.size() > evidence) top.poll();
            }
            // a stratified sample: per tier, the members whose id hashes lowest (repeatable, spread over the file)
            PriorityQueue<BalanceFinding> q = sample.computeIfAbsent(b.tier(), t -> new PriorityQueue<>(
                    Comparator.comparingInt((BalanceFinding x) -> mix(x.memberId())).reversed()));
            q.add(f);
            if (q.size() > perTier) q.poll();
            if (f.drift() != 0) {
                openings.add(new Posting.Adjustment(b.memberId(), OPENING + b.memberId(), f.drift(), cutover,
                        cutover.atZone(zone).plusMonths(24).toInstant(), "saldo de apertura: el del CRM al corte"));
                if (openings.size() >= 500) {
                    ledger.postAll(openings);
                    openings.clear();
                }
                sums[2]++;
            }
        });
        if (!openings.isEmpty()) ledger.postAll(openings);
        List<BalanceFinding> topDrifts = new ArrayList<>(top);
        topDrifts.sort(Comparator.comparingLong((BalanceFinding f) -> -Math.abs(f.drift())).thenComparing(BalanceFinding::memberId));
        Map<String, List<BalanceFinding>> samples = new TreeMap<>();
        Map<String, PointsStatement> statements = new LinkedHashMap<>();
        for (BalanceFinding f : topDrifts) statements.put(f.memberId(), ledger.statement(f.memberId(), cutover));
        sample.forEach((tier, q) -> {
            List<BalanceFinding> l = new ArrayList<>(q);
            l.sort(Comparator.comparing(BalanceFinding::memberId));
            samples.put(tier, l);
            l.forEach(f -> statements.computeIfAbsent(f.memberId(), id -> ledger.statement(id, cutover)));
        });
        return new BalanceVerification(counts, driftPoints, histogram, topDrifts, samples, statements, sums[0], sums[1], sums[2]);
    }

    static final List<String> BUCKETS = List.of("-1000+", "-1000..-101", "-100..-11", "-10..-1", "1..10", "11..100", "101..1000", "1000+");

    static String bucket(long d) {
        if (d <= -1000) return "-1000+";
        if (d <= -101) return "-1000..-101";
        if (d <= -11) return "-100..-11";
        if (d < 0) return "-10..-1";
        if (d <= 10) return "1..10";
        if (d <= 100) return "11..100";
        if (d <= 1000) return "101..1000";
        return "1000+";
    }

    private static int mix(String id) {
        int h = id.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
