package io.regla.rules.loyalty;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.action.Rejection;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties of the loyalty rules alone (no ledger): accrual monotone in amount, redemption oldest expiry first. */
class LoyaltyRulesProperties {

    private static final DroolsEngine ENGINE = Regla.builder().rulesDirectory(Path.of("")).buildDrools();
    private static final OffsetDateTime AT = OffsetDateTime.parse("2025-05-14T11:00:00-03:00");

    @AfterContainer
    static void close() {
        ENGINE.close();
    }

    @Provide
    Arbitrary<String> categories() {
        return Arbitraries.of("SUPERMARKET", "TRAVEL", "FUEL", "OTHER", "PHARMACY");
    }

    @Property(tries = 100)
    void accrualIsMonotoneInAmount(@ForAll Tier tier, @ForAll("categories") String category,
                                   @ForAll @IntRange(min = 0, max = 5_000_000) int cents, @ForAll @IntRange(min = 0, max = 5_000_000) int moreCents,
                                   @ForAll boolean campaign, @ForAll boolean after110) {
        OffsetDateTime at = after110 ? AT.plusMonths(4) : AT;
        BigDecimal low = BigDecimal.valueOf(cents, 2);
        BigDecimal high = BigDecimal.valueOf((long) cents + moreCents, 2);
        assertThat(points(tier, category, high, at, campaign)).isGreaterThanOrEqualTo(points(tier, category, low, at, campaign));
    }

    private static long points(Tier tier, String category, BigDecimal amount, OffsetDateTime at, boolean campaign) {
        List<Object> facts = new ArrayList<>(List.of(new Member("M", tier, MemberStatus.ACTIVE, at.toLocalDate().minusYears(1)),
                new CardTransaction("T", "M", amount, "ARS", category, "POS", "X", at)));
        if (campaign) facts.add(new Campaign("K", category, new BigDecimal("1.5"), at.minusDays(1), at.plusDays(1)));
        Decision d = ENGINE.decide("loyalty", facts, DecideOptions.builder().asOf(at.toInstant()).tracing(false).build());
        return d.actions(AccruePoints.class).stream().mapToLong(AccruePoints::points).sum();
    }

    record LotSpec(int expiryDays, int remaining, boolean pending) {
    }

    @Provide
    Arbitrary<List<LotSpec>> lots() {
        return Combinators.combine(Arbitraries.integers().between(1, 700), Arbitraries.integers().between(0, 300),
                Arbitraries.of(true, false, false)).as(LotSpec::new).list().ofMaxSize(8);
    }

    @Property(tries = 100)
    void redemptionSpendsOldestExpiryFirst(@ForAll("lots") List<LotSpec> specs, @ForAll @IntRange(min = 1, max = 1500) int want) {
        List<Object> facts = new ArrayList<>();
        Map<String, PointsLot> byId = new HashMap<>();
        long available = 0;
        for (int i = 0; i < specs.size(); i++) {
            LotSpec s = specs.get(i);
            OffsetDateTime earned = s.pending() ? AT.minusDays(2) : AT.minusDays(30 + i);
            PointsLot lot = new PointsLot("L" + i, "M", "L" + i, s.remaining() + 10L, s.remaining(), earned, earned.plusDays(10),
                    AT.plusDays(s.expiryDays()));
            facts.add(lot);
            byId.put(lot.id(), lot);
            if (!s.pending()) available += s.remaining();
        }
        facts.add(new RedemptionRequest("R", "M", want, "REWARD", AT));
        Decision d = ENGINE.decide("loyalty", facts, DecideOptions.builder().asOf(AT.toInstant()).tracing(false).build());
        List<RedeemPoints> granted = d.actions(RedeemPoints.class);
        if (want > available) {
            assertThat(granted).isEmpty();
            assertThat(d.actions(Rejection.class)).extracting(Rejection::code).containsExactly("INSUFFICIENT_POINTS");
            return;
        }
        assertThat(granted).hasSize(1);
        List<LotPoints> taken = granted.get(0).lots();
        assertThat(taken.stream().mapToLong(LotPoints::points).sum()).isEqualTo(want);
        for (int i = 0; i < taken.size(); i++) {
            PointsLot lot = byId.get(taken.get(i).lotId());
            assertThat(lot.availableAt(AT)).isTrue();
            if (i > 0) assertThat(lot.expiresAt()).isAfterOrEqualTo(byId.get(taken.get(i - 1).lotId()).expiresAt());
            if (i < taken.size() - 1) assertThat(taken.get(i).points()).isEqualTo(lot.remaining());
            // no available lot expiring sooner was left with points
            for (PointsLot other : byId.values()) {
                if (other.availableAt(AT) && other.expiresAt().isBefore(lot.expiresAt())) {
                    assertThat(taken).anySatisfy(t -> {
                        assertThat(t.lotId()).isEqualTo(other.id());
                        assertThat(t.points()).isEqualTo(other.remaining());
                    });
                }
            }
        }
    }
}
