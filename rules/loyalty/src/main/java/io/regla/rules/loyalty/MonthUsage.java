package io.regla.rules.loyalty;

import java.time.OffsetDateTime;

/**
 * Working fact of the lean loyalty versions (1.0.1 on): the points counted against one member's cap in one calendar
 * month. Inserted once per member and month with what the ledger's lots earned that month, then advanced by each
 * accrual of the decision, in time order: {@code used} grows by what was granted and ({@code lastAt}, {@code lastId})
 * is the purchase accrued last (null before the first), so the rules know which purchases are still to be capped.
 * Mutable on purpose: the rules {@code modify} it instead of inserting a fact per purchase.
 *
 * @param monthIndex year × 12 + month − 1 of the month in the rule set's zone ({@link Points#monthIndex})
 */
public final class MonthUsage {
    private final String memberId;
    private final int monthIndex;
    private long used;
    private OffsetDateTime lastAt;
    private String lastId;

    public MonthUsage(String memberId, int monthIndex, long used) {
        this.memberId = memberId;
        this.monthIndex = monthIndex;
        this.used = used;
    }

    public String getMemberId() {
        return memberId;
    }

    public int getMonthIndex() {
        return monthIndex;
    }

    public long getUsed() {
        return used;
    }

    public void setUsed(long used) {
        this.used = used;
    }

    public OffsetDateTime getLastAt() {
        return lastAt;
    }

    public void setLastAt(OffsetDateTime lastAt) {
        this.lastAt = lastAt;
    }

    public String getLastId() {
        return lastId;
    }

    public void setLastId(String lastId) {
        this.lastId = lastId;
    }

    @Override
    public String toString() {
        return "MonthUsage[" + memberId + ", " + monthIndex + ", used " + used + ", last " + lastId + "]";
    }
}
