package io.regla.api;

import java.time.Instant;
import java.util.Objects;

/**
 * How to decide: which version (explicitly, or the one effective at the as-of instant), the as-of
 * instant itself (default: the engine's clock), and whether to trace.
 */
public final class DecideOptions {

    private static final DecideOptions DEFAULTS = new Builder().build();

    private final Version version;
    private final Instant asOf;
    private final boolean tracing;

    private DecideOptions(Builder b) {
        this.version = b.version;
        this.asOf = b.asOf;
        this.tracing = b.tracing;
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

    @Override
    public String toString() {
        return "DecideOptions[version=" + version + ", asOf=" + asOf + ", tracing=" + tracing + "]";
    }

    public static final class Builder {
        private Version version;
        private Instant asOf;
        private boolean tracing = true;

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

        public DecideOptions build() {
            return new DecideOptions(this);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecideOptions d && Objects.equals(version, d.version)
                && Objects.equals(asOf, d.asOf) && tracing == d.tracing;
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, asOf, tracing);
    }
}
