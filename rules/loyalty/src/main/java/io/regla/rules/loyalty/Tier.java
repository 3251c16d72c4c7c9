package io.regla.rules.loyalty;

/** A member's tier; the tier multiplier and the monthly cap are looked up by it. */
public enum Tier {
    CLASSIC, GOLD, PLATINUM, BLACK
}
