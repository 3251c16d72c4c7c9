package io.regla.rules.loyalty.migration;

/** One member's balance verification: the CRM's balance at cut-over and the one replayed through the rules. */
public record BalanceFinding(String memberId, String tier, BalanceClass kind, long crm, long replayed) {

    /** CRM − replayed: positive when the CRM shows more than the rules give. */
    public long drift() {
        return crm - replayed;
    }
}
