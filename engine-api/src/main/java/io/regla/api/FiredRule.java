package io.regla.api;

import java.util.List;

/**
 * One rule firing in a {@link Trace}.
 *
 * @param sequence 1-based position among the firings of the decision or session
 * @param rule     the rule's name
 * @param facts    the identities of the facts the rule matched, such as {@code Enrollment#E1}
 *                 (by business key, so they are stable across runs)
 */
public record FiredRule(int sequence, String rule, List<String> facts) {
    public FiredRule {
        facts = List.copyOf(facts);
    }
}
