package io.regla.core.mutation;

/** The mutants of one rule (or one CSV file) of a version: those that count, how many were killed and survived. */
public record RuleScore(String rule, int mutants, int killed, int survived, int equivalent, int notCompiling) {

    /** Killed of killed + survived, in percent; 100 when nothing counts. */
    public double score() {
        return MutationScore.percent(killed, killed + survived);
    }
}
