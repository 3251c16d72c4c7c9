package io.regla.rules.loyalty;

import java.util.Map;
import java.util.TreeMap;

/** What a {@link LoyaltyProcessor} run decided and the ledger took. Not thread-safe: one per run. */
public final class LoyaltyReport {

    private long decisions;
    private long events;
    private long accrued;
    private long redeemed;
    private long reversed;
    private long expired;
    private long duplicates;
    private long conflicts;
    private final Map<String, Long> accruedByVersion = new TreeMap<>();
    private final Map<String, Long> accruedByCategory = new TreeMap<>();
    private final Map<String, Long> transactionsByVersion = new TreeMap<>();
    private final Map<String, Long> rejections = new TreeMap<>();

    /** Adds another run's figures to these (a migration replays its members chunk by chunk). */
    public LoyaltyReport add(LoyaltyReport o) {
        decisions += o.decisions;
        events += o.events;
        accrued += o.accrued;
        redeemed += o.redeemed;
        reversed += o.reversed;
        expired += o.expired;
        duplicates += o.duplicates;
        conflicts += o.conflicts;
        o.accruedByVersion.forEach((k, v) -> accruedByVersion.merge(k, v, Long::sum));
        o.accruedByCategory.forEach((k, v) -> accruedByCategory.merge(k, v, Long::sum));
        o.transactionsByVersion.forEach((k, v) -> transactionsByVersion.merge(k, v, Long::sum));
        o.rejections.forEach((k, v) -> rejections.merge(k, v, Long::sum));
        return this;
    }

    void decision(int eventCount) {
        decisions++;
        events += eventCount;
    }

    void transaction(String version) {
        transactionsByVersion.merge(version, 1L, Long::sum);
    }

    void accrued(long points, String version, String category) {
        accrued += points;
        accruedByVersion.merge(version, points, Long::sum);
        // a purchase without a category accrues as OTHER in the rules; the report keeps it apart, as the export's profile does
        accruedByCategory.merge(category == null || category.isEmpty() ? "(none)" : category, points, Long::sum);
    }

    void redeemed(long points) {
        redeemed += points;
    }

    void reversed(long points) {
        reversed += points;
    }

    void expired(long points) {
        expired += points;
    }

    void rejected(String code) {
        rejections.merge(code, 1L, Long::sum);
    }

    void duplicate() {
        duplicates++;
    }

    void conflict() {
        conflicts++;
    }

    /** Engine calls made. */
    public long decisions() {
        return decisions;
    }

    /** Transactions, refunds and redemption requests decided. */
    public long events() {
        return events;
    }

    /** Points the ledger credited (before any repayment of a negative balance). */
    public long accrued() {
        return accrued;
    }

    public long redeemed() {
        return redeemed;
    }

    /** Points refunds clawed back (including what went to a negative balance). */
    public long reversed() {
        return reversed;
    }

    public long expired() {
        return expired;
    }

    /** Postings the ledger already held (the same source processed twice). */
    public long duplicates() {
        return duplicates;
    }

    /** Redemptions the ledger refused because the lots changed after the decision and that could not be re-decided. */
    public long conflicts() {
        return conflicts;
    }

    public Map<String, Long> accruedByVersion() {
        return Map.copyOf(accruedByVersion);
    }

    public Map<String, Long> transactionsByVersion() {
        return Map.copyOf(transactionsByVersion);
    }

    /** Points accrued per transaction category as the transaction gave it. */
    public Map<String, Long> accruedByCategory() {
        return Map.copyOf(accruedByCategory);
    }

    /** Rejections per code (MEMBER_NOT_ACTIVE, INSUFFICIENT_POINTS, …). */
    public Map<String, Long> rejections() {
        return Map.copyOf(rejections);
    }
}
