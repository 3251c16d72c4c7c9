package io.regla.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How to decide: which version (explicitly, or the one effective at the as-of instant), the as-of
 * instant itself (default: the engine's clock), whether to trace, and an optional wall-clock budget.
 */
public final class DecideOptions {

    private static final DecideOptions DEFAULTS = new Builder().build();

    private final Version version;
    private final Instant asOf;
    private final boolean tracing;
    private final Duration timeout;
    private final Version shadow;

    private DecideOptions(Builder b) {
        this.version = b.version;
        this.asOf = b.asOf;
        this.tracing = b.tracing;
        this.timeout = b.timeout;
        this.shadow = b.shadow;
    }

    public static DecideOptions defaults() {
        return DEFAULTS;
    }

    public static DecideOptions at(Instant asOf) {
        return builder().asOf(asOf).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.version = version;
        b.asOf = asOf;
        b.tracing = tracing;
        b.timeout = timeout;
        b.shadow = shadow;
        return b;
    }

    /** The pinned version, or {@code null} to pick the version effective at {@link #asOf()}. */
    public Version version() {
        return version;
    }

    /** The as-of instant, or {@code null} for the engine clock's current instant. */
    public Instant asOf() {
        return asOf;
    }

    public boolean tracing() {
        return tracing;
    }

    /** The wall-clock budget of one run, or {@code null} for none (the default). */
    public Duration timeout() {
        return timeout;
    }

    /** The candidate version this call also decides with in shadow, or {@code null} (see {@link Builder#shadow(Version)}). */
    public Version shadow() {
        return shadow;
    }

    @Override
    public String toString() {
        return "DecideOptions[version=" + version + ", asOf=" + asOf + ", tracing=" + tracing
                + (timeout == null ? "" : ", timeout=" + timeout) + (shadow == null ? "" : ", shadow=" + shadow) + "]";
    }

    public static final class Builder {
        private Version version;
        private Instant asOf;
        private boolean tracing = true;
        private Duration timeout;
        private Version shadow;

        private Builder() {
        }

        public Builder version(Version version) {
            this.version = version;
            return this;
        }

        public Builder version(String version) {
            this.version = version == null ? null : Version.parse(version);
            return this;
        }

        public Builder asOf(Instant asOf) {
            this.asOf = asOf;
            return this;
        }

        /** Tracing is on by default; switch it off on hot paths (it costs about a tenth of throughput). */
        public Builder tracing(boolean tracing) {
            this.tracing = tracing;
            return this;
        }

        /**
         * A wall-clock budget for the run, counted once the version is resolved and compiled (compile on
         * first use does not count; see {@code compileEagerly}): a run still firing past it
         * is halted at the next rule firing and the call fails with a {@link DecisionTimeoutException} naming
         * the rule that was firing. A rule's consequence is never interrupted mid-way; a run that finishes
         * is returned even if it took longer. {@code null} (the default) means no budget. For a stateful
         * {@link Session}, the budget applies to each {@link Session#fire()}; a halted session keeps its facts and the
         * matches not yet fired.
         */
        public Builder timeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Shadow mode: after deciding with the serving version, decide the same facts again with {@code candidate}
         * at the same as-of instant, compare, and return only the serving decision. The candidate's run never fails
         * the call (a failure is counted) and costs at most one more decide; the engine counts shadow decisions and
         * differences ({@code regla.shadow.*} meters) and writes a bounded sample of differences to the decision log.
         * Overrides the engine's setting for the rule set ({@code Regla.builder().shadow(ruleSet, version)});
         * {@code null} (the default) leaves that setting in force. Ignored when the candidate is the serving version.
         */
        public Builder shadow(Version candidate) {
            this.shadow = candidate;
            return this;
        }

        public Builder shadow(String candidate) {
            this.shadow = candidate == null ? null : Version.parse(candidate);
            return this;
        }

        public DecideOptions build() {
            return new DecideOptions(this);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecideOptions d && Objects.equals(version, d.version)
                && Objects.equals(asOf, d.asOf) && tracing == d.tracing && Objects.equals(timeout, d.timeout)
                && Objects.equals(shadow, d.shadow);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, asOf, tracing, timeout, shadow);
    }
}
