package io.regla.rules.loyalty.ledger;

/** What a ledger entry records. */
public enum EntryKind {
    /** Points earned: opens a lot (lot id = source id), positive. */
    ACCRUAL,
    /** Points spent on a reward, per lot taken, negative. */
    REDEMPTION,
    /** Points clawed back by a refund: per lot, or lot-less for what no lot could give (a negative balance). */
    REVERSAL,
    /** What was left of a lot at its expiry, negative. */
    EXPIRY,
    /** A correction, including the two legs that move a negative balance onto a new lot that repays it. */
    ADJUSTMENT
}
