package io.regla.api;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * A stateful session for a multi-step process: insert facts, advance the clock, fire, read actions.
 * A session is pinned to one rule set version for its whole life. It is not thread-safe: use one per
 * process instance (or per thread) and close it when done.
 */
public interface Session extends AutoCloseable {

    RuleSetInfo ruleSet();

    /** The session's clock. */
    Instant now();

    Session insert(Object fact);

    default Session insertAll(Collection<?> facts) {
        facts.forEach(this::insert);
        return this;
    }

    /**
     * Moves the clock forward. Rules that join on {@link Now} re-evaluate at the next {@link #fire()}.
     *
     * @throws IllegalArgumentException if {@code instant} is before {@link #now()}
     */
    Session advanceTo(Instant instant);

    /** Fires the rules; the returned decision holds the actions and firings of this step only. */
    Decision fire();

    /** Every action emitted since the session started, in order. */
    List<Action> actions();

    /** Every firing since the session started (empty if tracing is off). */
    Trace trace();

    /** The facts of a type now in the session (actions included). */
    <T> List<T> facts(Class<T> type);

    @Override
    void close();
}
