package io.regla.rules.loyalty.ledger;

import java.util.List;

/** Every entry of a member in order, with the running balance, and the balance derived at {@code balance.asOf()}. */
public record PointsStatement(String memberId, List<StatementLine> lines, PointsBalance balance) {

    public PointsStatement {
        lines = List.copyOf(lines);
    }
}
