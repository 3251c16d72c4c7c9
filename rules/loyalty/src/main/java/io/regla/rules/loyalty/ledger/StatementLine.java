package io.regla.rules.loyalty.ledger;

/** A ledger entry and the member's balance right after it. */
public record StatementLine(LedgerEntry entry, long runningBalance) {
}
