package io.regla.rules.loyalty.migration;

/**
 * A member's balance replayed through the rules against the CRM's at cut-over: the same, the CRM showing more
 * (DRIFT_UP) or less (DRIFT_DOWN) than the rules give, or nothing to replay (NO_HISTORY).
 */
public enum BalanceClass { MATCH, DRIFT_UP, DRIFT_DOWN, NO_HISTORY }
