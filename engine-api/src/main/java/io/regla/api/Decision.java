package io.regla.api;

import java.time.Instant;
import java.util.List;

/**
 * What a rule set decided for a set of facts at an instant.
 *
 * @param ruleSet  the rule set's id
 * @param version  the version that decided
 * @param asOf     the engine clock when the rules fired
 * @param actions  the actions the rules emitted, in emission order
 * @param warnings non-fatal remarks (for example a version chosen by date that is older than the latest)
 * @param trace    the firings, or {@link Trace#DISABLED}
 */
public record Decision(String ruleSet, Version version, Instant asOf, List<Action> actions,
                       List<String> warnings, Trace trace) {

    public Decision {
        actions = List.copyOf(actions);
        warnings = List.copyOf(warnings);
    }

    /** The emitted actions of one type, in emission order. */
    public <T extends Action> List<T> actions(Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
