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

    enum Kind { MATCH, DRIFT_UP, DRIFT_DOWN, NO_HISTORY }

    record Finding(String memberId, String tier, Kind kind, long crm, long replayed) {
        long drift() {
            return crm - replayed;
        }
    }

    /** What verification found; statements are the replayed evidence (drifts) and the per-tier sample. */
    record Result(Map<Kind, Long> counts, Map<Kind, Long> driftPoints, Map<String, Long> histogram, List<Finding> topDrifts,
                  Map<String, List<Finding>> sample, Map<String, PointsStatement> statements, long crmSum, long replayedSum,
                  long openingAdjustments) {
    }

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

    Result verify() {
        Map<Kind, Long> counts = new EnumMap<>(Kind.class);
        Map<Kind, Long> driftPoints = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            counts.put(k, 0L);
            driftPoints.put(k, 0L);
        }
        Map<String, Long> histogram = new LinkedHashMap<>();
        for (String b : BUCKETS) histogram.put(b, 0L);
        PriorityQueue<Finding> top = new PriorityQueue<>(Comparator.comparingLong((Finding f) -> Math.abs(f.drift())).thenComparing(Finding::memberId, Comparator.reverseOrder()));
        Map<String, PriorityQueue<Finding>> sample = new TreeMap<>();
        List<Posting> openings = new ArrayList<>();
        long[] sums = new long[3];
        store.balances(OPENING, b -> {
            Kind kind = !b.hasHistory() ? Kind.NO_HISTORY : b.crmBalance() == b.replayed() ? Kind.MATCH
                    : b.crmBalance() > b.replayed() ? Kind.DRIFT_UP : Kind.DRIFT_DOWN;
            Finding f = new Finding(b.memberId(), b.tier(), kind, b.crmBalance(), b.replayed());
            counts.merge(kind, 1L, Long::sum);
            driftPoints.merge(kind, f.drift(), Long::sum);
            sums[0] += b.crmBalance();
            sums[1] += b.replayed();
            if (kind == Kind.DRIFT_UP || kind == Kind.DRIFT_DOWN) {
                histogram.merge(bucket(f.drift()), 1L, Long::sum);
                top.add(f);
                if (top.size() > evidence) top.poll();
            }
            // a stratified sample: per tier, the members whose id hashes lowest (repeatable, spread over the file)
            PriorityQueue<Finding> q = sample.computeIfAbsent(b.tier(), t -> new PriorityQueue<>(
                    Comparator.comparingInt((Finding x) -> mix(x.memberId())).reversed()));
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
        List<Finding> topDrifts = new ArrayList<>(top);
        topDrifts.sort(Comparator.comparingLong((Finding f) -> -Math.abs(f.drift())).thenComparing(Finding::memberId));
        Map<String, List<Finding>> samples = new TreeMap<>();
        Map<String, PointsStatement> statements = new LinkedHashMap<>();
        for (Finding f : topDrifts) statements.put(f.memberId(), ledger.statement(f.memberId(), cutover));
        sample.forEach((tier, q) -> {
            List<Finding> l = new ArrayList<>(q);
            l.sort(Comparator.comparing(Finding::memberId));
            samples.put(tier, l);
            l.forEach(f -> statements.computeIfAbsent(f.memberId(), id -> ledger.statement(id, cutover)));
        });
        return new Result(counts, driftPoints, histogram, topDrifts, samples, statements, sums[0], sums[1], sums[2]);
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
