package io.regla.benchmarks;

import io.regla.api.Action;
import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.FiredRule;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the benchmark comparison honest: plain Java, raw Drools (stateless and stateful) and Regla must
 * make the same decisions on the same orders, one order per call and in one batch.
 */
class DecisionEquivalenceTest {

    private static final Instant AS_OF = Instant.parse("2026-06-01T12:00:00Z");
    private static final List<Order> ORDERS = Orders.generate(400, 7);

    private static RawDrools raw;
    private static RulesEngine regla;

    @BeforeAll
    static void compile() {
        raw = new RawDrools(2);
        regla = Regla.builder().bundledRules().build();
    }

    @AfterAll
    static void close() {
        raw.shutdown();
        regla.close();
    }

    @Test
    void theGeneratedOrdersExerciseEveryRule() {
        Decision d = regla.decide("bench-ref", ORDERS, DecideOptions.at(AS_OF));
        assertThat(d.trace().rulesFired()).containsExactlyInAnyOrderElementsOf(regla.registry().rules("bench-ref", null));
        assertThat(d.actions().size()).isBetween(ORDERS.size() / 2, ORDERS.size() * 3);
    }

    @Test
    void onePerCallAllFourMakeTheSameDecisions() {
        RawDrools.StatelessDecider stateless = raw.statelessDecider();
        DecideOptions untraced = DecideOptions.builder().asOf(AS_OF).tracing(false).build();
        DecideOptions traced = DecideOptions.builder().asOf(AS_OF).tracing(true).build();
        for (Order o : ORDERS) {
            List<Action> expected = new ArrayList<>();
            PlainJavaDecider.decide(o, expected);
            assertThat(stateless.decide(List.of(o))).as("raw stateless, %s", o).containsExactlyElementsOf(expected);
            assertThat(raw.decideStateful(List.of(o))).as("raw stateful, %s", o).containsExactlyElementsOf(expected);
            assertThat(regla.decide("bench-ref", List.of(o), untraced).actions()).as("Regla, %s", o)
                    .containsExactlyElementsOf(expected);
            Decision withTrace = regla.decide("bench-ref", List.of(o), traced);
            assertThat(withTrace.actions()).as("Regla traced, %s", o).containsExactlyElementsOf(expected);
            // every bench-ref rule emits exactly one action and matches only its order
            assertThat(withTrace.trace().firings()).hasSameSizeAs(expected)
                    .allSatisfy(f -> assertThat(f.facts()).contains("Order#" + o.id()));
        }
    }

    @Test
    void inOneBatchEachOrderGetsTheSameActionsInTheSameOrder() {
        List<Action> expected = new ArrayList<>();
        PlainJavaDecider.decideAll(ORDERS, expected);
        Map<String, List<Action>> byOrder = byOrder(expected);

        assertThat(byOrder(raw.statelessDecider().decide(ORDERS))).isEqualTo(byOrder);
        assertThat(byOrder(raw.decideStateful(ORDERS))).isEqualTo(byOrder);
        Decision d = regla.decide("bench-ref", ORDERS, DecideOptions.builder().asOf(AS_OF).tracing(false).build());
        assertThat(byOrder(d.actions())).isEqualTo(byOrder);
        assertThat(d.warnings()).isEmpty();
    }

    @Test
    void theTraceNamesTheRulesPlainJavaFollowed() {
        Decision d = regla.decide("bench-ref", ORDERS, DecideOptions.at(AS_OF));
        Set<String> rejectionRules = Set.of("reject-new-customer-over-limit", "reject-cash-over-limit");
        Map<String, Long> rejectionsPerOrder = d.trace().firings().stream()
                .filter(f -> rejectionRules.contains(f.rule()))
                .collect(Collectors.groupingBy(f -> f.facts().get(0), Collectors.counting()));
        long expectedRejections = d.actions(OrderRejected.class).size();
        assertThat(rejectionsPerOrder.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(expectedRejections);
        assertThat(d.trace().firings()).extracting(FiredRule::sequence)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, d.trace().firings().size()).boxed().toList());
    }

    private static Map<String, List<Action>> byOrder(List<Action> actions) {
        Map<String, List<Action>> out = new LinkedHashMap<>();
        for (Action a : actions) out.computeIfAbsent(((OrderAction) a).orderId(), k -> new ArrayList<>()).add(a);
        return new java.util.TreeMap<>(out);
    }
}
