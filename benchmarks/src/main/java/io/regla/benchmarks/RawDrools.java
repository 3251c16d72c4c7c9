package io.regla.benchmarks;

import io.regla.api.Action;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Drools without Regla: the bench-ref DRL compiled with the classic {@link KnowledgeBuilder} path, and
 * sessions from a {@link KieSessionsPool}. Actions are collected the cheapest way that keeps their
 * emission order: a listener on inserted {@link Action} facts.
 */
public final class RawDrools {

    /** The bench-ref DRL on the classpath. */
    public static final String DRL = "rules/bench-ref/1.0.0/orders.drl";

    private final KieBase kieBase;
    private final KieSessionsPool pool;
    /**
     * Stateful sessions on the pseudo clock, as Regla runs them. With the default (realtime) clock a pooled
     * stateful session is about ten times slower per call: see {@link #decideStatefulRealtimeClock}.
     */
    private final KieSessionConfiguration pseudoClock;

    public RawDrools(int poolSize) {
        this.kieBase = compile();
        this.pool = kieBase.newKieSessionsPool(poolSize);
        this.pseudoClock = KieServices.get().newKieSessionConfiguration();
        pseudoClock.setOption(ClockTypeOption.PSEUDO);
    }

    /** Compiles the bench-ref DRL into a new KieBase. */
    public static KieBase compile() {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(ResourceFactory.newByteArrayResource(drl()), ResourceType.DRL);
        if (builder.hasErrors()) throw new IllegalStateException(DRL + ": " + builder.getErrors());
        return builder.newKieBase();
    }

    private static byte[] drl() {
        try (InputStream in = RawDrools.class.getClassLoader().getResourceAsStream(DRL)) {
            if (in == null) throw new IllegalStateException(DRL + " not on the classpath");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public KieBase kieBase() {
        return kieBase;
    }

    /**
     * A pooled stateless session with its collector attached; keep one per thread and call
     * {@link StatelessDecider#decide}. Each {@code execute} borrows a session from the pool.
     */
    public StatelessDecider statelessDecider() {
        return new StatelessDecider(pool.newStatelessKieSession());
    }

    /** One call: a pooled stateful session, insert, fire, collect, dispose (which returns it to the pool). */
    public List<Action> decideStateful(Collection<Order> orders) {
        return decide(pool.newKieSession(pseudoClock), orders);
    }

    /** {@link #decideStateful} on a pooled session with the default configuration (realtime clock). */
    public List<Action> decideStatefulRealtimeClock(Collection<Order> orders) {
        return decide(pool.newKieSession(), orders);
    }

    private static List<Action> decide(KieSession session, Collection<Order> orders) {
        ActionCollector collector = new ActionCollector();
        try {
            session.addEventListener(collector);
            for (Order o : orders) session.insert(o);
            session.fireAllRules();
            return collector.actions;
        } finally {
            session.removeEventListener(collector);
            session.dispose();
        }
    }

    public void shutdown() {
        pool.shutdown();
    }

    /** A stateless session from the pool that reports the actions of each call. */
    public static final class StatelessDecider {
        private final StatelessKieSession session;
        private final ActionCollector collector = new ActionCollector();

        StatelessDecider(StatelessKieSession session) {
            this.session = session;
            session.addEventListener(collector);
        }

        /** Not thread-safe: one decider per thread. */
        public List<Action> decide(Collection<Order> orders) {
            List<Action> out = new ArrayList<>();
            collector.actions = out;
            session.execute(orders);
            return out;
        }
    }

    /** Collects the actions rules insert, in insertion order. */
    static final class ActionCollector implements RuleRuntimeEventListener {
        List<Action> actions = new ArrayList<>();

        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            if (event.getObject() instanceof Action a) actions.add(a);
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
            // bench-ref rules never update
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            // bench-ref rules never delete
        }
    }
}
