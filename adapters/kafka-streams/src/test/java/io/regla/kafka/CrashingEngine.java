package io.regla.kafka;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.FactFormat;
import io.regla.api.RuleSetRegistry;
import io.regla.api.RulesEngine;
import io.regla.api.Session;

import java.io.Reader;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real engine, until it is {@link #arm armed}: its third decision after that throws an {@link Error} (the
 * first ones' postings are then likely sent in the open transaction), which no handler of the stream catches,
 * so the stream thread dies mid-transaction as on a JVM crash or an out-of-memory.
 */
final class CrashingEngine implements RulesEngine {

    /** What the crashed thread throws: an unrecoverable failure, not a bad record. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(int decision) {
            super("simulated crash at decision " + decision);
        }
    }

    private final RulesEngine engine;
    private final AtomicInteger decisions = new AtomicInteger();
    private final AtomicInteger armedDecisions = new AtomicInteger(Integer.MIN_VALUE);
    private final AtomicBoolean crashed = new AtomicBoolean();

    CrashingEngine(RulesEngine engine) {
        this.engine = engine;
    }

    void arm() {
        armedDecisions.set(0);
    }

    boolean crashed() {
        return crashed.get();
    }

    @Override
    public Decision decide(String ruleSet, Collection<?> facts, DecideOptions options) {
        int n = decisions.incrementAndGet();
        if (armedDecisions.incrementAndGet() >= 3 && crashed.compareAndSet(false, true)) throw new SimulatedCrash(n);
        return engine.decide(ruleSet, facts, options);
    }

    @Override
    public Session openSession(String ruleSet, DecideOptions options) {
        return engine.openSession(ruleSet, options);
    }

    @Override
    public RuleSetRegistry registry() {
        return engine.registry();
    }

    @Override
    public List<Object> readFacts(String ruleSet, DecideOptions options, FactFormat format, Reader in, String sourceName) {
        return engine.readFacts(ruleSet, options, format, in, sourceName);
    }

    @Override
    public List<Object> readFacts(String ruleSet, DecideOptions options, Path file) {
        return engine.readFacts(ruleSet, options, file);
    }

    @Override
    public java.time.Clock clock() {
        return engine.clock();
    }

    @Override
    public void close() {
        // the wrapped engine is shared by the tests and closed by its owner
    }
}
