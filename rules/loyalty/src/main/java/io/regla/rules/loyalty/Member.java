package io.regla.rules.loyalty;

import java.time.LocalDate;

/**
 * A member of the points programme (one per bank customer). Id, tier and status are required, as the HTTP API
 * already required them: a member without a tier matches neither accrual nor the not-active rejection, so its
 * purchases would be lost without a word. Such a member is refused where it is built (a scenario file, a Kafka
 * record, an embedder's code), with the field and the member id. {@code enrolledOn} is optional.
 */
public record Member(String id, Tier tier, MemberStatus status, LocalDate enrolledOn) {

    public Member {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Member: id is required (got " + (id == null ? "none" : "a blank one") + ")");
        }
        if (tier == null) {
            throw new IllegalArgumentException("Member " + id + ": tier is required (one of "
                    + java.util.Arrays.toString(Tier.values()) + ")");
        }
        if (status == null) {
            throw new IllegalArgumentException("Member " + id + ": status is required (one of "
                    + java.util.Arrays.toString(MemberStatus.values()) + ")");
        }
    }
}
