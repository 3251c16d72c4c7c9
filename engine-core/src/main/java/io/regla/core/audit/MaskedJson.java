package io.regla.core.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.regla.api.Action;
import io.regla.api.FiredRule;

import java.util.List;

/**
 * Actions and traces as the decision log writes them (personal data masked), for other tools that show
 * decisions to people: the what-if diff's examples and report, the shadow samples.
 */
public final class MaskedJson {

    private MaskedJson() {
    }

    /** {@code [{"type":"SendEmail",...}]} with personal values of {@code facts} and e-mail addresses masked. */
    public static ArrayNode actions(List<Action> actions, Iterable<?> facts) {
        return DecisionRecords.actions(actions, Masking.forFacts(facts));
    }

    /** {@code [{"sequence":1,"rule":"welcome","facts":["Enrollment#E1"]}]}, masked like {@link #actions}. */
    public static ArrayNode trace(List<FiredRule> firings, Iterable<?> facts) {
        return (ArrayNode) Masking.forFacts(facts).scrub(DecisionRecords.trace(firings));
    }
}
