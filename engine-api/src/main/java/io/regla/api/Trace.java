package io.regla.api;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The rules that fired, in order. Empty when tracing was switched off. */
public record Trace(boolean enabled, List<FiredRule> firings) {

    public static final Trace DISABLED = new Trace(false, List.of());

    public Trace {
        firings = List.copyOf(firings);
    }

    /** Distinct names of the rules that fired, in first-firing order. */
    public Set<String> rulesFired() {
        Set<String> names = new LinkedHashSet<>();
        for (FiredRule f : firings) names.add(f.rule());
        return names;
    }
}
