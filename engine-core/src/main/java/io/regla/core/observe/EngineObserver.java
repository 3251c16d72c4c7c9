package io.regla.core.observe;

import io.regla.api.Decision;
import io.regla.api.ReloadReport;
import io.regla.api.Version;

import java.util.Collection;
import java.util.List;

/**
 * What the engine tells about its work: each decision (or failure), each compile, each reload, and its
 * close. The decision log and the Micrometer metrics listen here; the engine calls an observer on the
 * deciding thread, so an implementation must return quickly and never throw.
 *
 * <p>This interface is free of Micrometer types on purpose: the engine loads it whether or not a meter
 * registry is configured (Micrometer is an optional dependency).
 */
public interface EngineObserver {

    /** Observes nothing. */
    EngineObserver NONE = new EngineObserver() {
    };

    /**
     * A {@code decide} call returned.
     *
     * @param checksum the checksum of the build that decided
     * @param facts    the caller's facts, as passed (not to be kept beyond the call unless copied)
     * @param firings  how many rules fired
     * @param nanos    the call's duration
     */
    default void decided(Decision decision, String checksum, Collection<?> facts, int firings, long nanos) {
    }

    /**
     * A {@code decide} call failed (unknown rule set, compile errors, a loop, an exception in a rule).
     *
     * @param version the pinned version, or null when the call did not pin one
     */
    default void decideFailed(String ruleSet, Version version, RuntimeException error, long nanos) {
    }

    /**
     * A candidate version decided in shadow after {@code serving} (not reported through {@link #decided}).
     *
     * @param differs whether the candidate's actions differ from the serving decision's
     */
    default void shadowDecided(Decision serving, Decision candidate, boolean differs, Collection<?> facts) {
    }

    /** The candidate version run in shadow after {@code serving} failed; the caller got {@code serving} all the same. */
    default void shadowFailed(Decision serving, Version candidate, RuntimeException error, Collection<?> facts) {
    }

    /** A version was compiled ({@code ok}) or failed to compile. */
    default void compiled(String ruleSet, Version version, boolean ok, long nanos) {
    }

    /** {@code registry().reload()} returned this report. */
    default void reloaded(ReloadReport report, long nanos) {
    }

    /** {@code registry().reload()} threw. */
    default void reloadFailed(RuntimeException error, long nanos) {
    }

    /** The engine is closing: flush what is pending (within a bounded wait) and release threads. */
    default void close() {
    }

    /** Every observer in order, each shielded from the others' exceptions; {@link #NONE} for none. */
    static EngineObserver all(List<? extends EngineObserver> observers) {
        List<EngineObserver> list = List.copyOf(observers);
        return list.isEmpty() ? NONE : new Observers(list);
    }

    /** The first observer of this type here (looking inside {@link #all}), if any. */
    default <T> java.util.Optional<T> find(Class<T> type) {
        return type.isInstance(this) ? java.util.Optional.of(type.cast(this)) : java.util.Optional.empty();
    }
}
