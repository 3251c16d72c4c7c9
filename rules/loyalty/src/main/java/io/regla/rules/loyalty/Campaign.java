package io.regla.rules.loyalty;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A promotion multiplying the points of a category's transactions made in {@code [from, to)}.
 * Campaigns active together on one transaction multiply.
 */
public record Campaign(String id, String category, BigDecimal multiplier, OffsetDateTime from, OffsetDateTime to) {

    public boolean activeAt(OffsetDateTime at) {
        return Points.active(from, to, at);
    }
}
