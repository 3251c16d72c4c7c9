package io.regla.api;

/**
 * Marker for the facts a rule emits as output. Rules never do I/O: they {@code insert} an action and
 * the engine hands it back in the {@link Decision}; an executor later dispatches it to an adapter.
 *
 * <p>Actions are inserted into working memory like any fact, so a rule can see what another rule of
 * the same firing already decided (for example, to avoid emitting the same e-mail twice).
 */
public interface Action {

    /** The action's type name as scenarios and JSON output spell it: the simple class name. */
    default String type() {
        return getClass().getSimpleName();
    }
}
