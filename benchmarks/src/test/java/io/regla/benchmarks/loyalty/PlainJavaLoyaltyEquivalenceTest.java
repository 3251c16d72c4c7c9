package io.regla.benchmarks.loyalty;

import io.regla.api.Action;
import io.regla.api.DecideOptions;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.rules.loyalty.CardTransaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written baseline decides exactly like the loyalty 1.0.0 rules and their lean 1.0.1, batch and single. */
class PlainJavaLoyaltyEquivalenceTest {

    private static final RulesEngine ENGINE = Regla.builder().bundledRules().build();

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    @Test
    void sameActionsAsTheRules() {
        sameActionsAs(LoyaltyAccrualBenchmark.OPTIONS);
    }

    /** 1.0.1 re-implements 1.0.0: four purchases per member in one call, capped in time order without salience. */
    @Test
    void sameActionsAsTheLeanRules() {
        sameActionsAs(DecideOptions.builder().version("1.0.1").asOf(LoyaltyAccrualBenchmark.OPTIONS.asOf()).tracing(false).build());
    }

    private static void sameActionsAs(DecideOptions options) {
        for (long seed = 1; seed <= 5; seed++) {
            LoyaltyData data = new LoyaltyData(150, 600, seed);
            assertThat(sorted(ENGINE.decide("loyalty", data.facts(data.transactions), options).actions()))
                    .as("seed " + seed).isEqualTo(sorted(data.plain(data.transactions)));
            for (CardTransaction t : data.transactions.subList(0, 50)) {
                assertThat(sorted(ENGINE.decide("loyalty", data.facts(List.of(t)), options).actions()))
                        .isEqualTo(sorted(data.plain(List.of(t))));
            }
        }
    }

    private static List<String> sorted(List<Action> actions) {
        return actions.stream().map(Object::toString).sorted(Comparator.naturalOrder()).toList();
    }
}
