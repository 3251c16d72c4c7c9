package io.regla.rules.loyalty.migration;

import io.regla.rules.loyalty.ledger.PointsStatement;

import java.util.List;
import java.util.Map;

/**
 * What the balance verification found after a migration.
 *
 * @param counts             members per class
 * @param driftPoints        per class, the sum of the drifts (CRM − replayed)
 * @param histogram          drifted members per drift bucket ({@code "-10..-1"}, {@code "11..100"}, …)
 * @param topDrifts          the largest drifts, largest first (the evidence)
 * @param sample             per tier, a repeatable sample of members
 * @param statements         the replayed statement of every member in {@code topDrifts} and {@code sample}, by id
 * @param crmSum             the CRM's balances summed
 * @param replayedSum        the replayed balances summed
 * @param openingAdjustments drifts booked as opening adjustments (the CRM's balance is the opening one)
 */
public record BalanceVerification(Map<BalanceClass, Long> counts, Map<BalanceClass, Long> driftPoints, Map<String, Long> histogram,
                                  List<BalanceFinding> topDrifts, Map<String, List<BalanceFinding>> sample,
                                  Map<String, PointsStatement> statements, long crmSum, long replayedSum, long openingAdjustments) {

    public BalanceVerification {
        counts = byClass(counts);
        driftPoints = byClass(driftPoints);
        histogram = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(histogram));
        topDrifts = List.copyOf(topDrifts);
        sample = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(sample));
        statements = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(statements));
    }

    /** In class order (MATCH, DRIFT_UP, DRIFT_DOWN, NO_HISTORY), as reconciliation.json lists them. */
    private static Map<BalanceClass, Long> byClass(Map<BalanceClass, Long> m) {
        java.util.EnumMap<BalanceClass, Long> out = new java.util.EnumMap<>(BalanceClass.class);
        out.putAll(m);
        return java.util.Collections.unmodifiableMap(out);
    }
}
