package io.regla.kafka;

import io.regla.kafka.LoyaltyEvents.Kind;
import io.regla.rules.loyalty.CardTransaction;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.MemberStatus;
import io.regla.rules.loyalty.RedemptionRequest;
import io.regla.rules.loyalty.Refund;
import io.regla.rules.loyalty.Tier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Synthetic loyalty events for load tests, the broker integration test and the benchmark: purchases across the 2025-07-01 version boundary, partial and
 * whole refunds of earlier purchases, redemptions; a few members blocked. Sorted in the order the stream
 * decides events of one instant (time, then kind, then id), which is the order the batch replay is given.
 */
public record SyntheticEvents(List<Member> members, List<Sourced> events) {

    /** An event with its member (a refund's is its purchase's) and kind. */
    public record Sourced(Kind kind, String id, String memberId, OffsetDateTime at, Object value) {
        public String json() {
            return LoyaltyEvents.toJson(value, memberId);
        }
    }

    private static final String[] CATEGORIES = {"SUPERMARKET", "FUEL", "TRAVEL", "RESTAURANT", "OTHER", "PHARMACY"};
    private static final OffsetDateTime START = OffsetDateTime.of(2025, 5, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-3));

    public static SyntheticEvents generate(int memberCount, int eventCount, long seed) {
        Random rnd = new Random(seed);
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < memberCount; i++) {
            MemberStatus status = i % 50 == 7 ? MemberStatus.BLOCKED : MemberStatus.ACTIVE;
            members.add(new Member(String.format("M%06d", i), Tier.values()[i % Tier.values().length], status, LocalDate.of(2022, 1, 1)));
        }
        long span = 150L * 24 * 3600; // five months, across 2025-07-01
        List<Sourced> events = new ArrayList<>(eventCount);
        List<CardTransaction> bought = new ArrayList<>();
        for (int n = 0; n < eventCount; n++) {
            OffsetDateTime at = START.plusSeconds((long) (span * (double) n / eventCount) + rnd.nextInt(60));
            int roll = rnd.nextInt(100);
            if (roll < 80 || bought.isEmpty()) {
                String member = members.get(rnd.nextInt(memberCount)).id();
                CardTransaction t = new CardTransaction("T" + n, member, BigDecimal.valueOf(500 + rnd.nextInt(200_000)),
                        "ARS", CATEGORIES[rnd.nextInt(CATEGORIES.length)], "POS", "MER-" + rnd.nextInt(500), at);
                bought.add(t);
                events.add(new Sourced(Kind.TRANSACTION, t.id(), member, at, t));
            } else if (roll < 90) {
                CardTransaction t = bought.get(rnd.nextInt(bought.size()));
                BigDecimal amount = rnd.nextBoolean() ? t.amount() : t.amount().divide(BigDecimal.valueOf(2 + rnd.nextInt(3)), 2, java.math.RoundingMode.DOWN);
                Refund f = new Refund("F" + n, t.id(), amount, at.isAfter(t.at()) ? at : t.at().plusSeconds(1));
                events.add(new Sourced(Kind.REFUND, f.id(), t.memberId(), f.at(), f));
            } else {
                String member = members.get(rnd.nextInt(memberCount)).id();
                RedemptionRequest r = new RedemptionRequest("R" + n, member, 50 + rnd.nextInt(2_000), "REWARD-" + rnd.nextInt(20), at);
                events.add(new Sourced(Kind.REDEMPTION, r.id(), member, at, r));
            }
        }
        events.sort(ORDER);
        return new SyntheticEvents(List.copyOf(members), events);
    }

    public static final Comparator<Sourced> ORDER = Comparator.comparing((Sourced s) -> s.at().toInstant())
            .thenComparing(Sourced::kind).thenComparing(Sourced::id);

    public List<Object> values() {
        return events.stream().map(Sourced::value).toList();
    }
}
