package io.regla.core.mutation;

/** The kinds of change a mutant makes; {@link #label()} is how ids, reports and allow-lists name them. */
public enum MutationKind {
    /** A constraint {@code c} becomes {@code !(c)}. */
    NEGATE_CONSTRAINT("negate"),
    /** {@code <}↔{@code <=}, {@code >}↔{@code >=}, {@code ==}↔{@code !=}, {@code in}↔{@code not in}. */
    SWAP_OPERATOR("swap-operator"),
    /** A numeric literal in a condition changed by +1, -1 or ×2. */
    CHANGE_NUMBER("change-number"),
    /** One constraint of a pattern removed. */
    DROP_CONSTRAINT("drop-constraint"),
    /** A whole rule removed. */
    REMOVE_RULE("remove-rule"),
    /** A {@code not} or {@code exists} dropped, leaving its pattern as a plain condition. */
    DROP_NOT_EXISTS("drop-not-exists"),
    /** A code-like string literal (a template name, an alert code) in an action or a condition changed. */
    CHANGE_LITERAL("change-literal"),
    /** A numeric cell of a decision table or reference-data CSV changed (×2, or 0 → 1). */
    CHANGE_CELL("change-cell"),
    /** A row of a decision table or reference-data CSV removed. */
    DROP_ROW("drop-row");

    private final String label;

    MutationKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
