package io.regla.rules.loyalty;

import java.time.OffsetDateTime;

/** A member asks to spend {@code points} on a reward. */
public record RedemptionRequest(String id, String memberId, long points, String rewardId, OffsetDateTime at) {
}
