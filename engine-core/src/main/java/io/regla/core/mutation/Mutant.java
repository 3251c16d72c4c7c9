package io.regla.core.mutation;

import io.regla.api.Version;

/**
 * One small change to a rule set version's files. The {@link #id()} is stable while the file does not change, so an
 * allow-list of reviewed equivalent mutants can name it: {@code accrual.drl:97:27 swap-operator >= -> >}.
 *
 * @param rule   the rule the change is in, or the CSV file's name for a table or reference-data change
 * @param line   1-based line of the change in {@code file}
 * @param column 1-based column of the change
 * @param before the original text of the changed line(s), on one line
 * @param after  the same line(s) with the change, on one line (empty when the change removes them)
 */
public record Mutant(String id, String ruleSet, Version version, String file, int line, int column, String rule,
                     MutationKind kind, String before, String after) {

    /** The change as a one-line diff: {@code accrual.drl:97: - points >= $used  + points > $used}. */
    public String diff() {
        return file + ":" + line + ": - " + before + "  + " + (after.isEmpty() ? "(removed)" : after);
    }
}
