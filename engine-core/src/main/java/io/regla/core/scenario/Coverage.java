package io.regla.core.scenario;

import io.regla.api.RuleSetInfo;
import io.regla.api.RuleSetRegistry;
import io.regla.api.Version;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Rule coverage: which rules of each rule set version some scenario fired. Thread-safe. */
public final class Coverage {

    private final Map<String, Set<String>> fired = new ConcurrentHashMap<>();

    /** The rules of one version that no scenario fired. */
    public record Unfired(String ruleSet, Version version, int rules, List<String> unfired) {
    }

    public void record(String ruleSet, Version version, Set<String> rules) {
        fired.computeIfAbsent(ruleSet + " " + version, k -> ConcurrentHashMap.newKeySet()).addAll(rules);
    }

    /**
     * For every compilable version of the given rule sets (all rule sets when {@code ruleSets} is empty),
     * the rules no recorded scenario fired.
     */
    public List<Unfired> unfired(RuleSetRegistry registry, Set<String> ruleSets) {
        List<Unfired> out = new ArrayList<>();
        for (String id : registry.ruleSets()) {
            if (!ruleSets.isEmpty() && !ruleSets.contains(id)) continue;
            for (RuleSetInfo v : registry.versions(id)) {
                if (v.version() == null || v.state() == RuleSetInfo.State.FAILED && v.effectiveFrom() == null) continue;
                List<String> rules;
                try {
                    rules = registry.rules(id, v.version());
                } catch (RuntimeException e) {
                    continue; // does not compile: validate reports it
                }
                Set<String> hit = fired.getOrDefault(id + " " + v.version(), Set.of());
                List<String> missing = rules.stream().filter(r -> !hit.contains(r)).toList();
                out.add(new Unfired(id, v.version(), rules.size(), missing));
            }
        }
        return out;
    }

    /** Human-readable coverage lines. */
    public static String format(List<Unfired> unfired) {
        StringBuilder sb = new StringBuilder();
        Map<String, Unfired> byVersion = new LinkedHashMap<>();
        unfired.forEach(u -> byVersion.put(u.ruleSet() + " " + u.version(), u));
        byVersion.forEach((k, u) -> {
            int covered = u.rules() - u.unfired().size();
            sb.append(String.format("coverage %-24s %3d/%-3d rules fired", k, covered, u.rules()));
            if (!u.unfired().isEmpty()) sb.append("; never fired: ").append(new TreeSet<>(u.unfired()));
            sb.append('\n');
        });
        return sb.toString();
    }
}
