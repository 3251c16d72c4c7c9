package io.regla.benchmarks.loyalty;

import io.regla.api.Action;
import io.regla.api.action.Rejection;
import io.regla.rules.loyalty.AccruePoints;
import io.regla.rules.loyalty.Campaign;
import io.regla.rules.loyalty.CardTransaction;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.MemberStatus;
import io.regla.rules.loyalty.Points;
import io.regla.rules.loyalty.PointsLot;
import io.regla.rules.loyalty.Tier;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The accrual rules of {@code loyalty} 1.0.0 written by hand: the baseline the engine is measured against.
 * Same inputs (members, transactions, the members' lots, campaigns), same actions.
 */
public final class PlainJavaLoyalty {

    static final ZoneId ZONE = ZoneId.of("America/Argentina/Buenos_Aires");
    private static final Map<String, BigDecimal> CATEGORY = Map.of("SUPERMARKET", new BigDecimal("1.5"), "TRAVEL",
            new BigDecimal("2"), "FUEL", BigDecimal.ONE, "OTHER", BigDecimal.ONE);
    private static final Map<Tier, BigDecimal> TIER = new EnumMap<>(Map.of(Tier.CLASSIC, BigDecimal.ONE, Tier.GOLD,
            new BigDecimal("1.25"), Tier.PLATINUM, new BigDecimal("1.5"), Tier.BLACK, new BigDecimal("2")));
    private static final Map<Tier, Long> CAP = new EnumMap<>(Map.of(Tier.CLASSIC, 5_000L, Tier.GOLD, 10_000L,
            Tier.PLATINUM, 20_000L, Tier.BLACK, 50_000L));

    private PlainJavaLoyalty() {
    }

    /** The accrual decisions for the transactions, in time order per member. */
    public static List<Action> decide(Map<String, Member> members, List<CardTransaction> transactions,
                                      Map<String, List<PointsLot>> lotsByMember, List<Campaign> campaigns) {
        List<CardTransaction> ordered = new ArrayList<>(transactions);
        ordered.sort(Comparator.comparing((CardTransaction t) -> t.at().toInstant()).thenComparing(CardTransaction::id));
        Map<String, Long> used = new HashMap<>();
        Set<String> done = new HashSet<>();
        List<Action> out = new ArrayList<>();
        for (CardTransaction t : ordered) {
            Member m = members.get(t.memberId());
            if (m == null) {
                out.add(new Rejection("CardTransaction " + t.id(), "UNKNOWN_MEMBER", "no member " + t.memberId() + " for transaction " + t.id()));
                continue;
            }
            if (m.status() != MemberStatus.ACTIVE) {
                out.add(new Rejection("CardTransaction " + t.id(), "MEMBER_NOT_ACTIVE", "member " + m.id() + " is " + m.status() + ": no points"));
                continue;
            }
            List<PointsLot> lots = lotsByMember.getOrDefault(m.id(), List.of());
            if (!done.add(t.id()) || lots.stream().anyMatch(l -> l.transactionId().equals(t.id()))) continue;
            BigDecimal campaign = BigDecimal.ONE;
            for (Campaign c : campaigns) {
                if (c.category().equals(t.category()) && c.activeAt(t.at())) campaign = campaign.multiply(c.multiplier());
            }
            long points = Points.earned(t.amount(), CATEGORY.getOrDefault(t.category(), CATEGORY.get("OTHER")), TIER.get(m.tier()), campaign);
            String month = Points.month(t.at(), ZONE);
            long before = used.computeIfAbsent(m.id() + "|" + month, k -> {
                long sum = 0;
                for (PointsLot l : lots) {
                    if (Points.month(l.earnedAt(), ZONE).equals(month)) sum += l.points();
                }
                return sum;
            });
            long cap = CAP.get(m.tier());
            boolean within = before + points <= cap;
            long granted = within ? points : Math.max(0, cap - before);
            used.put(m.id() + "|" + month, before + granted);
            if (granted > 0) {
                out.add(new AccruePoints(m.id(), t.id(), granted, Points.plusDays(t.at(), 10, ZONE), Points.plusMonths(t.at(), 24, ZONE),
                        within ? "accrue-points" : "monthly-cap"));
            }
        }
        return out;
    }
}
