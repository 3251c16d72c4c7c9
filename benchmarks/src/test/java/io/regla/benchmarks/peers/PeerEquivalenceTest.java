package io.regla.benchmarks.peers;

import io.regla.api.Action;
import io.regla.benchmarks.Order;
import io.regla.benchmarks.OrderAction;
import io.regla.benchmarks.Orders;
import io.regla.benchmarks.PlainJavaDecider;
import io.regla.benchmarks.RawDrools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the peer comparison honest: Easy Rules and Evrete make the bench-ref decisions that plain Java and
 * raw Drools make, one order per call (same actions in the same order) and in one batch (per order, in
 * the same order). The generated orders make every rule fire (see DecisionEquivalenceTest).
 */
class PeerEquivalenceTest {

    private static final List<Order> ORDERS = Orders.generate(400, 7);

    private static RawDrools raw;
    private static EasyRulesDecider easyRules;
    private static EvreteDecider evrete;

    @BeforeAll
    static void build() {
        raw = new RawDrools(2);
        easyRules = new EasyRulesDecider();
        evrete = new EvreteDecider();
    }

    @AfterAll
    static void close() {
        raw.shutdown();
        evrete.close();
    }

    @Test
    void onePerCallThePeersMakeTheSameDecisions() {
        int rejectedWithDiscountBlocked = 0;
        for (Order o : ORDERS) {
            List<Action> expected = new ArrayList<>();
            PlainJavaDecider.decide(o, expected);
            assertThat(raw.decideStateful(List.of(o))).as("raw Drools, %s", o).containsExactlyElementsOf(expected);
            List<Action> easy = new ArrayList<>();
            easyRules.decide(o, easy);
            assertThat(easy).as("Easy Rules, %s", o).containsExactlyElementsOf(expected);
            assertThat(easyRules.decide(List.of(o))).as("Easy Rules list, %s", o).containsExactlyElementsOf(expected);
            assertThat(evrete.decide(List.of(o))).as("Evrete, %s", o).containsExactlyElementsOf(expected);
            assertThat(evrete.decideStateless(List.of(o))).as("Evrete stateless, %s", o).containsExactlyElementsOf(expected);
            if (blocksADiscount(o)) rejectedWithDiscountBlocked++;
        }
        // the negation is exercised: some gold or silver orders are rejected and so get no discount
        assertThat(rejectedWithDiscountBlocked).isPositive();
    }

    @Test
    void inOneBatchEachOrderGetsTheSameActionsInTheSameOrder() {
        List<Action> expected = new ArrayList<>();
        PlainJavaDecider.decideAll(ORDERS, expected);
        Map<String, List<Action>> byOrder = byOrder(expected);
        assertThat(byOrder(raw.decideStateful(ORDERS))).isEqualTo(byOrder);
        assertThat(easyRules.decide(ORDERS)).containsExactlyElementsOf(expected);
        List<Action> fromEvrete = evrete.decide(ORDERS);
        assertThat(fromEvrete).hasSameSizeAs(expected);
        assertThat(byOrder(fromEvrete)).isEqualTo(byOrder);
        // a second batch on the reused session starts from a clean session
        assertThat(byOrder(evrete.decide(ORDERS))).isEqualTo(byOrder);
        assertThat(byOrder(evrete.decideStateless(ORDERS))).isEqualTo(byOrder);
    }

    private static boolean blocksADiscount(Order o) {
        List<Action> out = new ArrayList<>();
        PlainJavaDecider.decide(o, out);
        boolean rejected = out.stream().anyMatch(a -> a instanceof io.regla.benchmarks.OrderRejected);
        boolean wouldGetOne = (o.tier() == io.regla.benchmarks.CustomerTier.GOLD && o.amount() >= 100)
                || (o.tier() == io.regla.benchmarks.CustomerTier.SILVER && o.amount() >= 200);
        return rejected && wouldGetOne;
    }

    private static Map<String, List<Action>> byOrder(List<Action> actions) {
        Map<String, List<Action>> out = new LinkedHashMap<>();
        for (Action a : actions) out.computeIfAbsent(((OrderAction) a).orderId(), k -> new ArrayList<>()).add(a);
        return new TreeMap<>(out);
    }
}
