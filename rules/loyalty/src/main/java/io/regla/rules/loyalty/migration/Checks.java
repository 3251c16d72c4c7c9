package io.regla.rules.loyalty.migration;

import java.util.List;

/**
 * The checks that reject a row of the export. The single-record ones use the quality domain's built-in codes
 * (REQUIRED, TYPE, ENUM, RANGE, DUPLICATE_KEY, ORPHAN_REFERENCE) so a contract check of the export and the
 * migration's rejects speak the same language; the rest are the migration's own rules across records.
 */
public final class Checks {

    public static final String REQUIRED = "REQUIRED";
    public static final String TYPE = "TYPE";
    public static final String ENUM = "ENUM";
    /** A negative transaction or refund amount, or redemption points not above zero. */
    public static final String RANGE = "RANGE";
    /** A repeated id: the first row is migrated, each later one rejected. */
    public static final String DUPLICATE_KEY = "DUPLICATE_KEY";
    /** A transaction or redemption of a member, or a refund of a transaction, that is not in the export. */
    public static final String ORPHAN_REFERENCE = "ORPHAN_REFERENCE";
    /** A transaction or redemption of a member the migration rejected. */
    public static final String MEMBER_REJECTED = "MEMBER_REJECTED";
    /** A refund of a transaction the migration rejected. */
    public static final String TRANSACTION_REJECTED = "TRANSACTION_REJECTED";
    /** A refund that, with the earlier refunds of its purchase (in file order), passes the purchase amount. */
    public static final String REFUND_EXCEEDS_TRANSACTION = "REFUND_EXCEEDS_TRANSACTION";
    /** An event before the first loyalty rule set version: no rules to replay it with. */
    public static final String BEFORE_FIRST_VERSION = "BEFORE_FIRST_VERSION";
    /** A line the CSV reader cannot split (an open quote, a wrong number of fields). */
    public static final String MALFORMED_LINE = "MALFORMED_LINE";

    public static final List<String> ALL = List.of(REQUIRED, TYPE, ENUM, RANGE, DUPLICATE_KEY, ORPHAN_REFERENCE, MEMBER_REJECTED,
            TRANSACTION_REJECTED, REFUND_EXCEEDS_TRANSACTION, BEFORE_FIRST_VERSION, MALFORMED_LINE);

    private Checks() {
    }
}
