package io.regla.benchmarks.loyalty;

import io.regla.rules.loyalty.Campaign;
import io.regla.rules.loyalty.CardTransaction;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.MemberStatus;
import io.regla.rules.loyalty.PointsLot;
import io.regla.rules.loyalty.Tier;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Deterministic accrual inputs for March 2025 (loyalty 1.0.0): members, their lots this month, transactions, campaigns. */
public final class LoyaltyData {

    static final OffsetDateTime MONTH = OffsetDateTime.parse("2025-03-01T00:00:00-03:00");
    private static final String[] CATEGORIES = {"SUPERMARKET", "TRAVEL", "FUEL", "OTHER", "PHARMACY"};

    public final Map<String, Member> members = new LinkedHashMap<>();
    public final Map<String, List<PointsLot>> lots = new HashMap<>();
    public final List<CardTransaction> transactions = new ArrayList<>();
    public final List<Campaign> campaigns = List.of(
            new Campaign("K1", "TRAVEL", new BigDecimal("2"), MONTH.plusDays(5), MONTH.plusDays(20)),
            new Campaign("K2", "SUPERMARKET", new BigDecimal("1.5"), MONTH, MONTH.plusMonths(1)));

    public LoyaltyData(int memberCount, int transactionCount, long seed) {
        Random r = new Random(seed);
        Tier[] tiers = Tier.values();
        for (int i = 0; i < memberCount; i++) {
            String id = "M" + i;
            MemberStatus status = r.nextInt(100) < 3 ? MemberStatus.BLOCKED : MemberStatus.ACTIVE;
            members.put(id, new Member(id, tiers[r.nextInt(tiers.length)], status, MONTH.toLocalDate().minusYears(2)));
            List<PointsLot> own = new ArrayList<>();
            for (int k = r.nextInt(4); k > 0; k--) {
                OffsetDateTime earned = MONTH.plusHours(r.nextInt(24 * 3));
                long points = r.nextInt(6_000);
                own.add(new PointsLot(id + "-L" + k, id, id + "-L" + k, points, points, earned, earned.plusDays(10), earned.plusMonths(24)));
            }
            lots.put(id, own);
        }
        for (int i = 0; i < transactionCount; i++) {
            String member = "M" + r.nextInt(memberCount);
            BigDecimal amount = BigDecimal.valueOf(r.nextInt(30_000_000), 2);
            transactions.add(new CardTransaction("T" + i, member, amount, "ARS", CATEGORIES[r.nextInt(CATEGORIES.length)], "POS",
                    "X", MONTH.plusDays(3).plusMinutes(r.nextInt(60 * 24 * 25))));
        }
    }

    /** The facts of one engine call for these transactions: their members and lots, the campaigns. */
    public List<Object> facts(List<CardTransaction> txs) {
        List<Object> facts = new ArrayList<>(campaigns);
        Map<String, Boolean> seen = new HashMap<>();
        for (CardTransaction t : txs) {
            if (seen.put(t.memberId(), true) == null) {
                facts.add(members.get(t.memberId()));
                facts.addAll(lots.get(t.memberId()));
            }
        }
        facts.addAll(txs);
        return facts;
    }

    /** Hand-written decision for the same transactions (members and lots of theirs). */
    public List<io.regla.api.Action> plain(List<CardTransaction> txs) {
        return PlainJavaLoyalty.decide(members, txs, lots, campaigns);
    }
}
