package io.regla.core.diff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regla.api.Action;
import io.regla.api.Decision;
import io.regla.api.FiredRule;
import io.regla.api.Version;
import io.regla.core.audit.MaskedJson;
import io.regla.core.facts.Json;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of a {@link VersionDiff}: counts over all cases, per action type and per rule, and example
 * cases with both decisions. Personal data is masked in everything it prints (as the decision log does).
 *
 * @param cases     cases given
 * @param unchanged cases whose actions were the same under both versions
 * @param changed   cases whose actions differ
 * @param actions   per action type, actions only in {@code from}, only in {@code to}, and changed (same key)
 * @param rules     per rule, its firings only in {@code from} (disappeared) and only in {@code to} (appeared)
 * @param examples  up to N cases per kind of change, in case order
 * @param failures  cases that failed to decide on either version (not counted as changed or unchanged)
 */
public record DiffReport(String ruleSet, Version from, Version to, Instant asOf, int cases, int unchanged, int changed,
                         Map<String, ActionCounts> actions, Map<String, RuleCounts> rules, List<Example> examples,
                         List<Failure> failures) {

    public record ActionCounts(int removed, int added, int changed) {
    }

    public record RuleCounts(int from, int to) {
    }

    /** @param kinds the kinds of change this case shows ({@code SendEmail removed}) */
    public record Example(List<String> kinds, CaseDiff diff) {
    }

    public record Failure(String caseId, String error) {
    }

    public DiffReport {
        actions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(actions));
        rules = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rules));
        examples = List.copyOf(examples);
        failures = List.copyOf(failures);
    }

    /** Nothing differs: no case changed and no firing appeared or disappeared. */
    public boolean empty() {
        return changed == 0 && rules.isEmpty() && actions.isEmpty();
    }

    /**
     * {@code {"cases":N,"unchanged":N,"changed":N,"actions":{"SendEmail":{"removed":N,"added":N,"changed":N}},
     * "rules":{"<rule>":{"from":N,"to":N}},"examples":[...]}} plus the rule set, both versions, the as-of
     * instant and the failed cases.
     */
    public ObjectNode toJson() {
        ObjectNode root = Json.JSON.createObjectNode();
        root.put("ruleSet", ruleSet);
        root.put("from", from.toString());
        root.put("to", to.toString());
        root.put("asOf", asOf.toString());
        root.put("cases", cases);
        root.put("unchanged", unchanged);
        root.put("changed", changed);
        root.put("failed", failures.size());
        ObjectNode a = root.putObject("actions");
        actions.forEach((type, n) -> a.putObject(type).put("removed", n.removed()).put("added", n.added()).put("changed", n.changed()));
        ObjectNode r = root.putObject("rules");
        rules.forEach((rule, n) -> r.putObject(rule).put("from", n.from()).put("to", n.to()));
        ArrayNode ex = root.putArray("examples");
        for (Example e : examples) ex.add(example(e));
        ArrayNode failed = root.putArray("failures");
        failures.forEach(f -> failed.addObject().put("case", f.caseId()).put("error", f.error()));
        return root;
    }

    static ObjectNode example(Example e) {
        CaseDiff d = e.diff();
        List<Object> facts = d.subject().facts();
        ObjectNode n = Json.JSON.createObjectNode();
        n.put("case", d.subject().id());
        ArrayNode kinds = n.putArray("kinds");
        e.kinds().forEach(kinds::add);
        n.set("removed", MaskedJson.actions(d.removed(), facts));
        n.set("added", MaskedJson.actions(d.added(), facts));
        ArrayNode changed = n.putArray("changed");
        for (CaseDiff.Change c : d.changed()) {
            ObjectNode pair = changed.addObject();
            pair.set("from", MaskedJson.actions(List.of(c.from()), facts).get(0));
            pair.set("to", MaskedJson.actions(List.of(c.to()), facts).get(0));
        }
        n.set("from", side(d.from(), facts));
        n.set("to", side(d.to(), facts));
        return n;
    }

    private static ObjectNode side(Decision d, List<Object> facts) {
        ObjectNode n = Json.JSON.createObjectNode();
        n.put("version", d.version().toString());
        n.set("actions", MaskedJson.actions(d.actions(), facts));
        n.set("trace", MaskedJson.trace(d.trace().firings(), facts));
        return n;
    }

    /** The report for a terminal: counts, then each example with both traces. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("diff ").append(ruleSet).append(' ').append(from).append(" -> ").append(to).append(" at ").append(asOf).append('\n');
        sb.append("cases: ").append(cases).append(" decided, ").append(unchanged).append(" unchanged, ").append(changed)
                .append(" changed").append(failures.isEmpty() ? "" : ", " + failures.size() + " failed").append('\n');
        if (!actions.isEmpty()) {
            sb.append("actions (removed / added / changed):\n");
            actions.forEach((t, n) -> sb.append(String.format("  %-24s -%d +%d ~%d%n", t, n.removed(), n.added(), n.changed())));
        }
        if (!rules.isEmpty()) {
            sb.append("rules (firings disappeared / appeared):\n");
            rules.forEach((r, n) -> sb.append(String.format("  %-32s -%d +%d%n", r, n.from(), n.to())));
        }
        for (Example e : examples) {
            CaseDiff d = e.diff();
            List<Object> facts = d.subject().facts();
            sb.append("example ").append(d.subject().id()).append("  [").append(String.join(", ", e.kinds())).append("]\n");
            for (Action a : d.removed()) sb.append("  - ").append(MaskedJson.actions(List.of(a), facts).get(0)).append('\n');
            for (Action a : d.added()) sb.append("  + ").append(MaskedJson.actions(List.of(a), facts).get(0)).append('\n');
            for (CaseDiff.Change c : d.changed()) {
                sb.append("  ~ ").append(MaskedJson.actions(List.of(c.from()), facts).get(0)).append('\n')
                        .append("    -> ").append(MaskedJson.actions(List.of(c.to()), facts).get(0)).append('\n');
            }
            sb.append("  trace ").append(from).append(": ").append(trace(d.from().trace().firings())).append('\n');
            sb.append("  trace ").append(to).append(": ").append(trace(d.to().trace().firings())).append('\n');
        }
        for (Failure f : failures) sb.append("failed ").append(f.caseId()).append(": ").append(f.error()).append('\n');
        return sb.toString();
    }

    private static String trace(List<FiredRule> firings) {
        if (firings.isEmpty()) return "(no rule fired)";
        return firings.stream().map(f -> f.rule() + "(" + String.join(", ", f.facts()) + ")").collect(Collectors.joining(", "));
    }
}
