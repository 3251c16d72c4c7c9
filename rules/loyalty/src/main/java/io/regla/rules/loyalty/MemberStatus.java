package io.regla.rules.loyalty;

/** Only {@code ACTIVE} members accrue points. */
public enum MemberStatus {
    ACTIVE, BLOCKED, CLOSED
}
