package io.regla.core.scenario;

import io.regla.api.Action;
import io.regla.api.FiredRule;
import io.regla.api.Trace;
import io.regla.api.Version;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of one scenario.
 *
 * @param version  the version that ran, or null if it could not start
 * @param failures what did not hold (empty when passed)
 * @param actions  every action emitted over the scenario
 * @param trace    every firing
 */
public record ScenarioResult(Scenario scenario, Version version, List<String> failures, List<Action> actions, Trace trace) {

    public ScenarioResult {
        failures = List.copyOf(failures);
        actions = List.copyOf(actions);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** What was expected, what was emitted and the trace: everything needed to see why it failed. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(passed() ? "PASSED  " : "FAILED  ").append(scenario.name()).append("  [").append(scenario.ruleSet())
                .append(version == null ? "" : " " + version).append("]  ").append(scenario.source()).append('\n');
        if (passed()) return sb.toString();
        for (String f : failures) sb.append("  - ").append(f.replace("\n", "\n    ")).append('\n');
        sb.append("  emitted actions (").append(actions.size()).append("):\n");
        for (Action a : actions) sb.append("    ").append(ActionMatcher.describe(a)).append('\n');
        if (trace != null && trace.enabled()) {
            sb.append("  trace:\n");
            for (FiredRule r : trace.firings()) {
                sb.append("    ").append(r.sequence()).append(". ").append(r.rule()).append("  ")
                        .append(r.facts().stream().collect(Collectors.joining(", ", "[", "]"))).append('\n');
            }
        }
        return sb.toString();
    }
}
