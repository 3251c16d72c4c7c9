package io.regla.benchmarks.peers;

import io.regla.api.Action;
import io.regla.benchmarks.Category;
import io.regla.benchmarks.CustomerTier;
import io.regla.benchmarks.Discount;
import io.regla.benchmarks.Offer;
import io.regla.benchmarks.Order;
import io.regla.benchmarks.OrderRejected;
import io.regla.benchmarks.PaymentMethod;
import io.regla.benchmarks.Review;
import io.regla.benchmarks.Routing;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rule;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.api.RulesEngine;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.jeasy.rules.core.RuleBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * The bench-ref rules in Easy Rules 4.1 (lambda {@link RuleBuilder} rules, {@link DefaultRulesEngine}), as a
 * Java developer would write them. Easy Rules has no working memory: a batch is one {@code fire} per
 * order. Its engine evaluates the rules in priority order (lower first) and runs each action before the
 * next condition, so the rejection rules set a {@code rejected} fact that the discount rules read: what
 * {@code not OrderRejected(orderId == $id)} does in the DRL. Actions are appended to a list fact.
 */
public final class EasyRulesDecider {

    private static final String ORDER = "order";
    private static final String OUT = "out";
    private static final String REJECTED = "rejected";

    private final Rules rules;
    private final RulesEngine engine = new DefaultRulesEngine();

    public EasyRulesDecider() {
        rules = new Rules(
                rule("reject-new-customer-over-limit", 1, o -> o.tier() == CustomerTier.NEW && o.amount() > 1000,
                        (o, f) -> reject(f, new OrderRejected(o.id(), "LIMITE_CLIENTE_NUEVO"))),
                rule("reject-cash-over-limit", 2, o -> o.payment() == PaymentMethod.CASH && o.amount() > 2000,
                        (o, f) -> reject(f, new OrderRejected(o.id(), "EFECTIVO_SOBRE_LIMITE"))),
                rule("review-high-amount", 3, o -> o.amount() >= 5000,
                        (o, f) -> out(f).add(new Review(o.id(), "MONTO_ALTO"))),
                rule("review-foreign-card", 4, o -> o.payment() == PaymentMethod.CARD && !"CL".equals(o.country()),
                        (o, f) -> out(f).add(new Review(o.id(), "TARJETA_EXTRANJERA"))),
                rule("review-prescription", 5, o -> o.category() == Category.PHARMACY,
                        (o, f) -> out(f).add(new Review(o.id(), "RECETA"))),
                new RuleBuilder().name("discount-gold").priority(6)
                        .when(f -> f.get(REJECTED) == null && gold(f.get(ORDER)))
                        .then(f -> out(f).add(new Discount(((Order) f.get(ORDER)).id(), 10, "CLIENTE_ORO"))).build(),
                new RuleBuilder().name("discount-silver").priority(7)
                        .when(f -> f.get(REJECTED) == null && silver(f.get(ORDER)))
                        .then(f -> out(f).add(new Discount(((Order) f.get(ORDER)).id(), 5, "CLIENTE_PLATA"))).build(),
                rule("offer-extended-warranty", 8, o -> o.category() == Category.ELECTRONICS && o.amount() >= 300,
                        (o, f) -> out(f).add(new Offer(o.id(), "GARANTIA_EXTENDIDA"))),
                rule("route-wholesale", 9, o -> o.items() >= 50,
                        (o, f) -> out(f).add(new Routing(o.id(), "MAYORISTA"))),
                rule("route-express-grocery", 10, o -> o.category() == Category.GROCERY && o.items() <= 10 && "CL".equals(o.country()),
                        (o, f) -> out(f).add(new Routing(o.id(), "EXPRESS"))));
    }

    /** One order per {@code fire}, its actions appended in rule order. */
    public void decide(Order order, List<Action> out) {
        Facts facts = new Facts();
        facts.put(ORDER, order);
        facts.put(OUT, out);
        engine.fire(rules, facts);
    }

    public List<Action> decide(Collection<Order> orders) {
        List<Action> out = new ArrayList<>(orders.size() * 2);
        for (Order o : orders) decide(o, out);
        return out;
    }

    private interface OrderAction {
        void run(Order order, Facts facts);
    }

    private static Rule rule(String name, int priority, Predicate<Order> when, OrderAction then) {
        return new RuleBuilder().name(name).priority(priority)
                .when(f -> when.test(f.get(ORDER)))
                .then(f -> then.run(f.get(ORDER), f))
                .build();
    }

    private static boolean gold(Order o) {
        return o.tier() == CustomerTier.GOLD && o.amount() >= 100;
    }

    private static boolean silver(Order o) {
        return o.tier() == CustomerTier.SILVER && o.amount() >= 200;
    }

    private static void reject(Facts facts, OrderRejected rejection) {
        out(facts).add(rejection);
        facts.put(REJECTED, Boolean.TRUE);
    }

    private static List<Action> out(Facts facts) {
        return facts.get(OUT);
    }
}
