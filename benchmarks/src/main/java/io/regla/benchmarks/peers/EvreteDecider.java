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
import org.evrete.KnowledgeService;
import org.evrete.api.Knowledge;
import org.evrete.api.RhsContext;
import org.evrete.api.StatefulSession;
import org.evrete.api.StatelessSession;
import org.evrete.api.Type;
import org.evrete.api.ValuesPredicate;
import org.evrete.api.builders.RuleSetBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The bench-ref rules in Evrete 4.0 (a Rete engine; rules built with its Java API and lambda conditions on
 * declared fields, so nothing is compiled from source at run time), a reused stateful session per thread, on
 * a same-thread executor (Evrete would otherwise hand work to its own thread pool). Evrete has no negation:
 * the rejection rules (higher salience, so they fire first) record the order in a per-session set that the
 * discount rules check, which is what {@code not OrderRejected(orderId == $id)} does in the DRL. Actions
 * are appended to a list in the session's environment.
 */
public final class EvreteDecider implements AutoCloseable {

    private static final String OUT = "out";
    private static final String REJECTED = "rejected";

    private final KnowledgeService service;
    private final Knowledge knowledge;
    private final ThreadLocal<StatefulSession> sessions;

    public EvreteDecider() {
        service = KnowledgeService.builder().withExecutor(new SameThreadExecutor()).build();
        Knowledge k = service.newKnowledge();
        k.configureTypes(types -> {
            Type<Order> order = types.getOrDeclare(Order.class);
            order.declareField("id", String.class, Order::id);
            order.declareDoubleField("amount", Order::amount);
            order.declareField("category", Category.class, Order::category);
            order.declareField("tier", CustomerTier.class, Order::tier);
            order.declareField("country", String.class, Order::country);
            order.declareIntField("items", Order::items);
            order.declareField("payment", PaymentMethod.class, Order::payment);
        });
        RuleSetBuilder<Knowledge> rules = k.builder();
        rule(rules, "reject-new-customer-over-limit", 100,
                v -> v.get(0) == CustomerTier.NEW && v.<Double>get(1) > 1000, ctx -> {
                    Order o = ctx.get("$o");
                    reject(ctx, new OrderRejected(o.id(), "LIMITE_CLIENTE_NUEVO"));
                }, "$o.tier", "$o.amount");
        rule(rules, "reject-cash-over-limit", 95,
                v -> v.get(0) == PaymentMethod.CASH && v.<Double>get(1) > 2000, ctx -> {
                    Order o = ctx.get("$o");
                    reject(ctx, new OrderRejected(o.id(), "EFECTIVO_SOBRE_LIMITE"));
                }, "$o.payment", "$o.amount");
        emit(rules, "review-high-amount", 90, v -> v.<Double>get(0) >= 5000,
                o -> new Review(o.id(), "MONTO_ALTO"), "$o.amount");
        emit(rules, "review-foreign-card", 80, v -> v.get(0) == PaymentMethod.CARD && !"CL".equals(v.get(1)),
                o -> new Review(o.id(), "TARJETA_EXTRANJERA"), "$o.payment", "$o.country");
        emit(rules, "review-prescription", 70, v -> v.get(0) == Category.PHARMACY,
                o -> new Review(o.id(), "RECETA"), "$o.category");
        rule(rules, "discount-gold", 60, v -> v.get(0) == CustomerTier.GOLD && v.<Double>get(1) >= 100, ctx -> {
            Order o = ctx.get("$o");
            if (!rejected(ctx).contains(o.id())) out(ctx).add(new Discount(o.id(), 10, "CLIENTE_ORO"));
        }, "$o.tier", "$o.amount");
        rule(rules, "discount-silver", 55, v -> v.get(0) == CustomerTier.SILVER && v.<Double>get(1) >= 200, ctx -> {
            Order o = ctx.get("$o");
            if (!rejected(ctx).contains(o.id())) out(ctx).add(new Discount(o.id(), 5, "CLIENTE_PLATA"));
        }, "$o.tier", "$o.amount");
        emit(rules, "offer-extended-warranty", 50, v -> v.get(0) == Category.ELECTRONICS && v.<Double>get(1) >= 300,
                o -> new Offer(o.id(), "GARANTIA_EXTENDIDA"), "$o.category", "$o.amount");
        emit(rules, "route-wholesale", 40, v -> v.<Integer>get(0) >= 50,
                o -> new Routing(o.id(), "MAYORISTA"), "$o.items");
        emit(rules, "route-express-grocery", 30,
                v -> v.get(0) == Category.GROCERY && v.<Integer>get(1) <= 10 && "CL".equals(v.get(2)),
                o -> new Routing(o.id(), "EXPRESS"), "$o.category", "$o.items", "$o.country");
        knowledge = rules.build();
        sessions = ThreadLocal.withInitial(knowledge::newStatefulSession);
    }

    /**
     * Insert the orders, fire, collect what the rules appended, clear the session. Each thread reuses one
     * stateful session (Evrete's counterpart of Drools' session pool): a new stateless session per call
     * measured 2-3 times slower here.
     */
    public List<Action> decide(Collection<Order> orders) {
        List<Action> out = new ArrayList<>(orders.size() * 2);
        StatefulSession session = sessions.get();
        session.set(OUT, out);
        session.set(REJECTED, new HashSet<String>());
        try {
            session.insert(orders);
            session.fire();
        } finally {
            session.clear();
        }
        return out;
    }

    /** The same with a new stateless session per call (Evrete's API for one-off decisions). */
    public List<Action> decideStateless(Collection<Order> orders) {
        List<Action> out = new ArrayList<>(orders.size() * 2);
        StatelessSession session = knowledge.newStatelessSession();
        session.set(OUT, out);
        session.set(REJECTED, new HashSet<String>());
        session.insert(orders);
        session.fire();
        return out;
    }

    @Override
    public void close() {
        service.shutdown();
    }

    private static void rule(RuleSetBuilder<Knowledge> rules, String name, int salience, ValuesPredicate when,
                             java.util.function.Consumer<RhsContext> then, String... fields) {
        rules.newRule(name).salience(salience).forEach("$o", Order.class).where(when, fields).execute(then);
    }

    private static void emit(RuleSetBuilder<Knowledge> rules, String name, int salience, ValuesPredicate when,
                             Function<Order, Action> action, String... fields) {
        rule(rules, name, salience, when, ctx -> out(ctx).add(action.apply(ctx.get("$o"))), fields);
    }

    private static void reject(RhsContext ctx, OrderRejected rejection) {
        out(ctx).add(rejection);
        rejected(ctx).add(rejection.orderId());
    }

    private static List<Action> out(RhsContext ctx) {
        return ctx.getRuntime().get(OUT);
    }

    private static Set<String> rejected(RhsContext ctx) {
        return ctx.getRuntime().get(REJECTED);
    }

    /** Runs every task on the calling thread: a decision is one thread's work, as in the other engines. */
    static final class SameThreadExecutor extends AbstractExecutorService {
        private volatile boolean shutdown;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
