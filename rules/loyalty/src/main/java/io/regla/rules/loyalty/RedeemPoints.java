package io.regla.rules.loyalty;

import io.regla.api.Action;

import java.util.List;

/** Spend {@code points}, taken from {@code lots} in order (oldest expiry first; the last may be partial). */
public record RedeemPoints(String memberId, String redemptionId, long points, List<LotPoints> lots) implements Action {

    public RedeemPoints {
        lots = List.copyOf(lots);
    }
}
