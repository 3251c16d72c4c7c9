package io.regla.benchmarks.coldstart;

import io.regla.api.DecideOptions;
import io.regla.api.RuleSetInfo;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;

import java.time.Instant;
import java.util.List;

/**
 * What {@link ColdStart} launches in a fresh JVM: an engine on the bundled rule sets, then either one decision
 * with each bundled version ({@code all}, the default) or one decision with one rule set's version effective
 * now ({@code --one <rule-set>}, all bundled versions still available), without facts (the cost measured is
 * what the engine does before it can decide, not the rules' work), then one line, {@code FIRST-DECISION
 * <versions>}, which the launcher times. {@code --from-drl} ignores the build-time artifacts (the engine as it
 * was before them); {@code -Dregla.startupIndex=false} ignores the build-time start-up index; {@code --eager} builds
 * the engine with {@code compileEagerly(true)} (every version loaded at build, on every core, as {@code regla serve}
 * does), so the decisions find their versions loaded.
 */
public final class FirstDecision {

    public static final String MARK = "FIRST-DECISION";
    /** {@code PHASES <JVM start to main> <engine built> <decisions>}, milliseconds, printed after the mark. */
    public static final String PHASES = "PHASES";

    private FirstDecision() {
    }

    public static void main(String[] args) {
        long main = System.currentTimeMillis();
        List<String> options = List.of(args);
        boolean fromDrl = options.contains("--from-drl");
        boolean eager = options.contains("--eager");
        String one = options.contains("--one") ? options.get(options.indexOf("--one") + 1) : null;
        int decided = 0;
        long built;
        try (RulesEngine engine = Regla.builder().bundledRules().precompiled(!fromDrl).compileEagerly(eager).build()) {
            built = System.currentTimeMillis();
            if (one != null) {
                engine.decide(one, List.of(), DecideOptions.at(Instant.now()));
                decided++;
            } else {
                for (String ruleSet : engine.registry().ruleSets()) {
                    for (RuleSetInfo v : engine.registry().versions(ruleSet)) {
                        if (v.state() == RuleSetInfo.State.FAILED || v.version() == null) continue;
                        engine.decide(ruleSet, List.of(), DecideOptions.builder().version(v.version()).asOf(v.effectiveFrom()).build());
                        decided++;
                    }
                }
            }
            long done = System.currentTimeMillis();
            System.out.println(MARK + " " + decided);
            System.out.flush();
            // after the timed line: where the time went (the management classes would cost time themselves)
            long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.println(PHASES + " " + (main - jvmStart) + " " + (built - main) + " " + (done - built));
        }
        System.exit(decided > 0 ? 0 : 1);
    }
}
