package io.regla.api;

import java.time.Duration;

/**
 * A run went past its wall-clock budget ({@link DecideOptions.Builder#timeout}) and was halted; no decision
 * is returned. {@link #rule()} names the rule that was firing when the budget ran out ({@code null} if the
 * budget was spent before any rule fired).
 */
public class DecisionTimeoutException extends ReglaException {

    private final String ruleSet;
    private final Version version;
    private final String rule;
    private final Duration timeout;
    private final long firings;

    public DecisionTimeoutException(String ruleSet, Version version, String rule, Duration timeout, long firings) {
        super(ruleSet + " " + version + " ran past its " + describe(timeout) + " budget "
                + (rule == null ? "before any rule fired" : "while rule '" + rule + "' was firing")
                + " (" + firings + " firings); the run was halted");
        this.ruleSet = ruleSet;
        this.version = version;
        this.rule = rule;
        this.timeout = timeout;
        this.firings = firings;
    }

    public String ruleSet() {
        return ruleSet;
    }

    public Version version() {
        return version;
    }

    /** The rule firing when the budget ran out, or {@code null} if none had fired. */
    public String rule() {
        return rule;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Rule firings the run made before it was halted. */
    public long firings() {
        return firings;
    }

    private static String describe(Duration d) {
        return d.toMillis() >= 1 && d.toNanos() % 1_000_000 == 0 ? d.toMillis() + " ms" : d.toString();
    }
}
