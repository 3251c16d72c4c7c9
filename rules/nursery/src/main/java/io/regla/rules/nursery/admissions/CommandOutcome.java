package io.regla.rules.nursery.admissions;

import io.regla.api.action.Alert;
import io.regla.api.action.Rejection;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.scheduling.Transition;

import java.util.List;

/**
 * What handling one command did.
 *
 * @param enrollment  the enrolment afterwards (unchanged when rejected)
 * @param transitions the transitions applied to the store, in order
 * @param rejections  why the rules refused the command (empty when carried out)
 * @param alerts      alerts raised (stored, messages masked)
 * @param enqueued    outbox keys of the e-mails newly enqueued
 */
public record CommandOutcome(Enrollment enrollment, List<Transition> transitions, List<Rejection> rejections,
                             List<Alert> alerts, List<String> enqueued) {

    public CommandOutcome {
        transitions = List.copyOf(transitions);
        rejections = List.copyOf(rejections);
        alerts = List.copyOf(alerts);
        enqueued = List.copyOf(enqueued);
    }

    public boolean rejected() {
        return !rejections.isEmpty();
    }
}
