package io.regla.core.mutation;

/**
 * What became of one mutant.
 *
 * @param killedBy the scenario that failed on it and its first failure (or the compile error when it did not
 *                 compile); empty when it survived
 * @param nanos    time spent on it: compiling and running scenarios
 */
public record MutantResult(Mutant mutant, Outcome outcome, String killedBy, long nanos) {

    public enum Outcome {
        /** A scenario failed on the mutant. */
        KILLED,
        /** Every scenario still passed: the scenarios would not notice this change. */
        SURVIVED,
        /** Survived, and a reviewed allow-list says it does not change behaviour; not counted in the score. */
        EQUIVALENT,
        /** The mutant does not compile; counted apart, not in the score. */
        NOT_COMPILING
    }
}
