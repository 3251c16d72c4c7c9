package io.regla.core.scenario;

import io.regla.api.Action;
import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.FactMappingException;
import io.regla.api.ReglaException;
import io.regla.api.Session;
import io.regla.api.Trace;
import io.regla.core.compile.CompiledRuleSet;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.facts.FactMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs scenarios on an engine: the {@code given} facts are inserted and the rules fire at {@code at};
 * then each step in order moves the clock, inserts its facts and fires again, in the same session.
 * A step's {@code expect} is checked against that step's actions, the top-level one against all.
 */
public final class ScenarioRunner {

    private final DroolsEngine engine;
    private final Opener opener;
    private final Coverage coverage = new Coverage();

    /** Where a scenario's session and fact mapper come from: the engine's registry, or one given build. */
    private interface Opener {
        Session open(Scenario s, DecideOptions options);

        FactMapper mapper(Scenario s, DecideOptions pinned);
    }

    public ScenarioRunner(DroolsEngine engine) {
        this.engine = engine;
        this.opener = new Opener() {
            @Override
            public Session open(Scenario s, DecideOptions options) {
                return engine.openSession(s.ruleSet(), options);
            }

            @Override
            public FactMapper mapper(Scenario s, DecideOptions pinned) {
                return engine.mapper(s.ruleSet(), pinned);
            }
        };
    }

    private ScenarioRunner(CompiledRuleSet build, long maxFirings, Duration timeout) {
        this.engine = null;
        this.opener = new Opener() {
            @Override
            public Session open(Scenario s, DecideOptions options) {
                return DroolsEngine.openSession(build, options.asOf(), true, maxFirings, timeout);
            }

            @Override
            public FactMapper mapper(Scenario s, DecideOptions pinned) {
                return build.factMapper();
            }
        };
    }

    /**
     * A runner that runs every scenario on {@code build}, whatever version the scenario names (mutation testing:
     * a mutant build stands in for the version its scenarios ran on). A run past {@code maxFirings} firings or
     * {@code timeout} fails the scenario. {@link #engine()} is null on such a runner.
     */
    public static ScenarioRunner on(CompiledRuleSet build, long maxFirings, Duration timeout) {
        return new ScenarioRunner(build, maxFirings, timeout);
    }

    public Coverage coverage() {
        return coverage;
    }

    public DroolsEngine engine() {
        return engine;
    }

    public ScenarioResult run(Scenario s) {
        DecideOptions options = DecideOptions.builder().version(s.version()).asOf(s.at()).tracing(true).build();
        List<String> failures = new ArrayList<>();
        Session session;
        try {
            session = opener.open(s, options);
        } catch (ReglaException e) {
            return new ScenarioResult(s, null, List.of("cannot start: " + e.getMessage()), List.of(), Trace.DISABLED);
        }
        try (session) {
            DecideOptions pinned = options.toBuilder().version(session.ruleSet().version()).build();
            FactMapper mapper = opener.mapper(s, pinned);
            try {
                session.insertAll(map(mapper, s.given()));
                session.fire();
                for (int i = 0; i < s.steps().size(); i++) {
                    Scenario.Step step = s.steps().get(i);
                    if (step.at() != null) {
                        if (step.at().isBefore(session.now())) {
                            failures.add("steps[" + (i + 1) + "].at " + step.at() + " is before the clock " + session.now()
                                    + ": steps must move forward");
                            break;
                        }
                        session.advanceTo(step.at());
                    }
                    session.insertAll(map(mapper, step.insert()));
                    Decision d = session.fire();
                    if (step.expect() != null) {
                        check(step.expect(), d.actions(), d.trace(), "step " + (i + 1) + " (at " + d.asOf() + "): ", mapper, failures);
                    }
                }
            } catch (FactMappingException e) {
                failures.add("bad fact: " + e.getMessage());
            } catch (ReglaException | IllegalArgumentException e) {
                failures.add("error while firing: " + e.getMessage());
            }
            check(s.expect(), session.actions(), session.trace(), "", mapper, failures);
            coverage.record(s.ruleSet(), session.ruleSet().version(), session.trace().rulesFired());
            return new ScenarioResult(s, session.ruleSet().version(), failures, session.actions(), session.trace());
        }
    }

    private static List<Object> map(FactMapper mapper, List<Scenario.FactSpec> specs) {
        List<Object> out = new ArrayList<>(specs.size());
        int n = 0;
        for (Scenario.FactSpec f : specs) {
            n++;
            out.add(mapper.toFact(f.type(), f.fields(), f.where(), n));
        }
        return out;
    }

    private static void check(Scenario.Expectations e, List<Action> actions, Trace trace, String prefix,
                              FactMapper mapper, List<String> failures) {
        for (Scenario.ExpectedAction ea : e.actions()) {
            patternProblem(ea.pattern(), mapper).ifPresent(p -> failures.add(prefix + p));
            long n = actions.stream().filter(a -> ActionMatcher.matches(ea.pattern(), a)).count();
            if (n != ea.count()) {
                failures.add(prefix + "expected " + ea.count() + " × " + ea.pattern() + ", emitted " + n);
            }
        }
        for (Scenario.ActionPattern none : e.none()) {
            patternProblem(none, mapper).ifPresent(p -> failures.add(prefix + p));
            List<Action> hits = actions.stream().filter(a -> ActionMatcher.matches(none, a)).toList();
            if (!hits.isEmpty()) {
                failures.add(prefix + "expected no " + none + ", emitted " + hits.size() + ": "
                        + ActionMatcher.describe(hits.get(0)));
            }
        }
        for (String rule : e.rulesFired()) {
            if (!trace.rulesFired().contains(rule)) failures.add(prefix + "rule '" + rule + "' did not fire");
        }
        for (String rule : e.rulesNotFired()) {
            if (trace.rulesFired().contains(rule)) failures.add(prefix + "rule '" + rule + "' fired but must not");
        }
    }

    private static Optional<String> patternProblem(Scenario.ActionPattern p, FactMapper mapper) {
        Optional<Class<?>> type = mapper.types().find(p.type());
        if (type.isEmpty()) {
            return Optional.of("unknown action type '" + p.type() + "' (not imported by the rule set)");
        }
        return Optional.ofNullable(ActionMatcher.problem(p, type.get()));
    }

    /** Runs every scenario of the files, in order. */
    public List<ScenarioResult> runAll(List<Scenario> scenarios) {
        List<ScenarioResult> out = new ArrayList<>();
        for (Scenario s : scenarios) out.add(run(s));
        return out;
    }
}
