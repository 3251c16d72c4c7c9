package io.regla.benchmarks.peers;

import io.regla.api.Action;
import io.regla.benchmarks.BenchEngines;
import io.regla.benchmarks.PlainJavaDecider;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.ArrayList;
import java.util.List;

/**
 * The engines a user would pick instead of Regla, on bench-ref: Easy Rules and Evrete, built once per fork
 * and checked against plain Java before any figure is taken (PeerEquivalenceTest checks them in full).
 */
@State(Scope.Benchmark)
public class PeerEngines {

    public EasyRulesDecider easyRules;
    public EvreteDecider evrete;

    @Setup(Level.Trial)
    public void setUp(BenchEngines engines) {
        easyRules = new EasyRulesDecider();
        evrete = new EvreteDecider();
        List<Action> expected = new ArrayList<>();
        PlainJavaDecider.decideAll(engines.batch1k, expected);
        int easy = easyRules.decide(engines.batch1k).size();
        int ev = evrete.decide(engines.batch1k).size();
        if (easy != expected.size() || ev != expected.size()) {
            throw new IllegalStateException("peers disagree with plain Java: Easy Rules " + easy + ", Evrete " + ev
                    + ", plain " + expected.size() + " actions");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        evrete.close();
    }
}
