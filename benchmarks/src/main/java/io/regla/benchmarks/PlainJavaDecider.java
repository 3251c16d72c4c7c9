package io.regla.benchmarks;

import io.regla.api.Action;

import java.util.List;

/**
 * The bench-ref rules written by hand as if/else: the baseline every engine is compared with. It emits
 * the same actions, in the same order, as {@code rules/bench-ref/1.0.0/orders.drl} (whose saliences
 * follow the order of the tests below); {@code DecisionEquivalenceTest} holds the two together.
 */
public final class PlainJavaDecider {

    private PlainJavaDecider() {
    }

    /** Appends the actions for one order to {@code out}. */
    public static void decide(Order o, List<Action> out) {
        boolean rejected = false;
        if (o.tier() == CustomerTier.NEW && o.amount() > 1000) {
            out.add(new OrderRejected(o.id(), "LIMITE_CLIENTE_NUEVO"));
            rejected = true;
        }
        if (o.payment() == PaymentMethod.CASH && o.amount() > 2000) {
            out.add(new OrderRejected(o.id(), "EFECTIVO_SOBRE_LIMITE"));
            rejected = true;
        }
        if (o.amount() >= 5000) {
            out.add(new Review(o.id(), "MONTO_ALTO"));
        }
        if (o.payment() == PaymentMethod.CARD && !"CL".equals(o.country())) {
            out.add(new Review(o.id(), "TARJETA_EXTRANJERA"));
        }
        if (o.category() == Category.PHARMACY) {
            out.add(new Review(o.id(), "RECETA"));
        }
        if (!rejected) {
            if (o.tier() == CustomerTier.GOLD && o.amount() >= 100) {
                out.add(new Discount(o.id(), 10, "CLIENTE_ORO"));
            } else if (o.tier() == CustomerTier.SILVER && o.amount() >= 200) {
                out.add(new Discount(o.id(), 5, "CLIENTE_PLATA"));
            }
        }
        if (o.category() == Category.ELECTRONICS && o.amount() >= 300) {
            out.add(new Offer(o.id(), "GARANTIA_EXTENDIDA"));
        }
        if (o.items() >= 50) {
            out.add(new Routing(o.id(), "MAYORISTA"));
        }
        if (o.category() == Category.GROCERY && o.items() <= 10 && "CL".equals(o.country())) {
            out.add(new Routing(o.id(), "EXPRESS"));
        }
    }

    /** Decides each order in turn; the actions of one order stay together, in rule order. */
    public static void decideAll(List<Order> orders, List<Action> out) {
        for (Order o : orders) decide(o, out);
    }
}
