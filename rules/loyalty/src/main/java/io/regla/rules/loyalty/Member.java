package io.regla.rules.loyalty;

import java.time.LocalDate;

/** A member of the points programme (one per bank customer). */
public record Member(String id, Tier tier, MemberStatus status, LocalDate enrolledOn) {
}
