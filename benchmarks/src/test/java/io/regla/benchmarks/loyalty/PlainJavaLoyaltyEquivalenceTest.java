package io.regla.benchmarks.loyalty;

import io.regla.api.Action;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.rules.loyalty.CardTransaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written baseline decides exactly like the loyalty 1.0.0 rules, batch and single. */
class PlainJavaLoyaltyEquivalenceTest {

    private static final RulesEngine ENGINE = Regla.builder().bundledRules().build();

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    @Test
    void sameActionsAsTheRules() {
        for (long seed = 1; seed <= 5; seed++) {
            LoyaltyData data = new LoyaltyData(150, 600, seed);
            assertThat(sorted(ENGINE.decide("loyalty", data.facts(data.transactions), LoyaltyAccrualBenchmark.OPTIONS).actions()))
                    .as("seed " + seed).isEqualTo(sorted(data.plain(data.transactions)));
            for (CardTransaction t : data.transactions.subList(0, 50)) {
                assertThat(sorted(ENGINE.decide("loyalty", data.facts(List.of(t)), LoyaltyAccrualBenchmark.OPTIONS).actions()))
                        .isEqualTo(sorted(data.plain(List.of(t))));
            }
        }
    }

    private static List<String> sorted(List<Action> actions) {
        return actions.stream().map(Object::toString).sorted(Comparator.naturalOrder()).toList();
    }
}
