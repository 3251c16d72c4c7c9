package io.regla.core.decide;

import io.regla.api.Decision;
import io.regla.core.diff.Case;
import io.regla.core.diff.CaseDiff;

import java.util.List;

/** Whether a shadow candidate decided otherwise: its actions differ, as the what-if diff counts them. */
final class ShadowCompare {

    private ShadowCompare() {
    }

    static boolean differs(Decision serving, Decision candidate) {
        if (serving.actions().equals(candidate.actions())) return false; // records: the common, cheap case
        return CaseDiff.of(new Case("shadow", List.of()), serving, candidate).actionsChanged();
    }
}
