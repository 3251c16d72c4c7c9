package io.regla.api.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * Which logged decisions to read: one rule set, optionally one version, recorded in {@code [from, to)},
 * most recent first, at most {@code limit}.
 * <pre>{@code
 * log.recent(DecisionQuery.of("mailing").version("1.1.0").between(monday, tuesday).limit(50));
 * }</pre>
 *
 * @param ruleSet the rule set's id
 * @param version a version ({@code 1.1.0}) or null for all
 * @param from    earliest {@link DecisionRecord#recordedAt()} (inclusive), or null for no bound
 * @param to      latest {@link DecisionRecord#recordedAt()} (exclusive), or null for no bound
 * @param limit   1..1000
 */
public record DecisionQuery(String ruleSet, String version, Instant from, Instant to, int limit) {

    public static final int MAX_LIMIT = 1000;

    public DecisionQuery {
        Objects.requireNonNull(ruleSet, "ruleSet");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("time range ends (" + to + ") before it starts (" + from + ")");
        }
    }

    /** Every version, any time, the latest 100. */
    public static DecisionQuery of(String ruleSet) {
        return new DecisionQuery(ruleSet, null, null, null, 100);
    }

    public DecisionQuery version(String version) {
        return new DecisionQuery(ruleSet, version, from, to, limit);
    }

    public DecisionQuery between(Instant from, Instant to) {
        return new DecisionQuery(ruleSet, version, from, to, limit);
    }

    public DecisionQuery limit(int limit) {
        return new DecisionQuery(ruleSet, version, from, to, limit);
    }

    /** Whether a record answers this query (for logs that filter in memory). */
    public boolean matches(DecisionRecord r) {
        return r.ruleSet().equals(ruleSet) && (version == null || version.equals(r.version()))
                && (from == null || !r.recordedAt().isBefore(from)) && (to == null || r.recordedAt().isBefore(to));
    }
}
