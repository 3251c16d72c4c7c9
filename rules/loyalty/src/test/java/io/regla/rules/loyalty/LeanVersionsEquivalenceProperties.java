package io.regla.rules.loyalty;

import io.regla.api.Action;
import io.regla.api.DecideOptions;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lean versions decide exactly as the released ones they re-implement (1.0.1 as 1.0.0, 1.1.1 as 1.1.0) for any
 * facts of one engine call: several purchases of one member in a month (listed out of time order, near and over the
 * cap, across a month's edge in another offset), known and unknown categories, campaigns, purchases already holding a
 * lot or refunded in the same call, cumulative refunds, several redemptions of a member (some not positive), members
 * unknown, blocked or closed, lots pending, expired or of other months. One member's events never share a second (the
 * processor never puts such events in one call, and 1.0.0 orders them by the second alone).
 */
class LeanVersionsEquivalenceProperties {

    private static final DroolsEngine ENGINE = Regla.builder().rulesDirectory(Path.of("")).buildDrools();
    private static final String[] CATEGORIES = {"SUPERMARKET", "TRAVEL", "FUEL", "OTHER", "GAMES", "TOYS"};

    @AfterContainer
    static void close() {
        ENGINE.close();
    }

    @Property(tries = 150)
    void leanVersionsDecideAsTheReleasedOnes(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int members,
                                             @ForAll @IntRange(min = 0, max = 8) int purchasesPerMember,
                                             @ForAll boolean july) {
        Random random = new Random(seed);
        // 1.0.x from 2024-01-01, 1.1.x from 2025-07-01 (Buenos Aires): months on both sides of a month's edge
        OffsetDateTime start = july ? OffsetDateTime.parse("2025-09-20T00:00:00-03:00") : OffsetDateTime.parse("2025-03-20T00:00:00-03:00");
        List<Object> facts = facts(random, start, members, purchasesPerMember);
        OffsetDateTime asOf = start.plusDays(25);
        String released = july ? "1.1.0" : "1.0.0";
        String lean = july ? "1.1.1" : "1.0.1";
        List<String> expected = decide(released, facts, asOf);
        assertThat(decide(lean, facts, asOf)).as("%s vs %s, facts %s", lean, released, facts).isEqualTo(expected);
    }

    private static List<String> decide(String version, List<Object> facts, OffsetDateTime asOf) {
        List<String> out = new ArrayList<>();
        for (Action a : ENGINE.decide("loyalty", facts, DecideOptions.builder().version(version).asOf(asOf.toInstant()).build()).actions()) {
            out.add(a.toString());
        }
        Collections.sort(out);
        return out;
    }

    static List<Object> facts(Random random, OffsetDateTime start, int members, int purchasesPerMember) {
        List<Object> facts = new ArrayList<>();
        List<CardTransaction> purchases = new ArrayList<>();
        Set<String> usedSeconds = new HashSet<>();
        Map<String, Tier> tiers = new HashMap<>();
        for (int m = 0; m < members; m++) {
            String id = "M" + m;
            Tier tier = Tier.values()[random.nextInt(Tier.values().length)];
            tiers.put(id, tier);
            int kind = random.nextInt(10);
            if (kind > 0) { // else unknown member
                MemberStatus status = kind == 1 ? MemberStatus.BLOCKED : kind == 2 ? MemberStatus.CLOSED : MemberStatus.ACTIVE;
                facts.add(new Member(id, tier, status, LocalDate.of(2019, 1, 1)));
            }
            long cap = switch (tier) {
                case CLASSIC -> 5_000;
                case GOLD -> 10_000;
                case PLATINUM -> 20_000;
                case BLACK -> 50_000;
            };
            // lots: this month near the cap, the month before, pending ones, expired ones
            int lots = random.nextInt(4);
            for (int l = 0; l < lots; l++) {
                OffsetDateTime earned = start.minusDays(random.nextInt(40)).plusHours(random.nextInt(24));
                long points = random.nextBoolean() ? cap - random.nextInt(400) : 1 + random.nextInt(2_000);
                if (l > 0) points = points / lots;
                long remaining = random.nextInt(4) == 0 ? 0 : points - random.nextInt((int) Math.min(points, 500) + 1);
                OffsetDateTime expires = random.nextInt(6) == 0 ? start.plusDays(random.nextInt(30)) : earned.plusMonths(24);
                facts.add(new PointsLot("L" + m + "-" + l, id, "L" + m + "-" + l, points, remaining, earned, earned.plusDays(10), expires));
            }
            for (int p = 0; p < purchasesPerMember; p++) {
                OffsetDateTime at = distinct(random, start, id, usedSeconds);
                BigDecimal amount = BigDecimal.valueOf(random.nextInt(4) == 0 ? random.nextInt(2_000_000) : random.nextInt(60_000))
                        .add(BigDecimal.valueOf(random.nextInt(100), 2));
                CardTransaction t = new CardTransaction("T" + m + "-" + p, id, amount, "ARS", CATEGORIES[random.nextInt(CATEGORIES.length)],
                        "POS", "X", random.nextBoolean() ? at : at.withOffsetSameInstant(ZoneOffset.UTC));
                purchases.add(t);
                facts.add(t);
                if (random.nextInt(8) == 0) facts.add(t); // the same purchase twice in one call
                if (random.nextInt(8) == 0) { // processed before: it holds a lot
                    facts.add(new PointsLot(t.id(), id, t.id(), 100, 100, t.at(), t.at().plusDays(10), t.at().plusMonths(24)));
                }
            }
            int redemptions = random.nextInt(4);
            for (int r = 0; r < redemptions; r++) {
                long points = random.nextInt(6) == 0 ? -random.nextInt(3) : 1 + random.nextInt((int) cap);
                facts.add(new RedemptionRequest("R" + m + "-" + r, id, points, "REWARD", distinct(random, start, id, usedSeconds)));
            }
        }
        // refunds: of purchases in this call (some cumulative, some past the amount) and of unknown ones
        for (CardTransaction t : purchases) {
            if (random.nextInt(5) != 0) continue;
            BigDecimal before = random.nextBoolean() ? BigDecimal.ZERO : t.amount().multiply(BigDecimal.valueOf(random.nextInt(80), 2));
            BigDecimal amount = t.amount().multiply(BigDecimal.valueOf(random.nextInt(130), 2)).setScale(2, java.math.RoundingMode.FLOOR);
            facts.add(new Refund("F-" + t.id(), t.id(), amount, t.at().plusDays(1), before));
        }
        if (random.nextBoolean()) facts.add(new Refund("F-none", "T-none", BigDecimal.TEN, start));
        if (random.nextBoolean()) {
            String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            facts.add(new Campaign("C1", category, new BigDecimal("1.5"), start.minusDays(5), start.plusDays(5)));
            if (random.nextBoolean()) facts.add(new Campaign("C2", category, new BigDecimal("2"), start.minusDays(20), start.plusDays(2)));
        }
        Collections.shuffle(facts, random);
        return facts;
    }

    /** A time in the 24 days from {@code start} at a second no other event of the member has. */
    private static OffsetDateTime distinct(Random random, OffsetDateTime start, String member, Set<String> used) {
        while (true) {
            OffsetDateTime at = start.plusSeconds(random.nextInt(24 * 86_400));
            if (used.add(member + "@" + at.toEpochSecond())) return at;
        }
    }
}
