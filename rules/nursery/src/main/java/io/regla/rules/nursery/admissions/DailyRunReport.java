package io.regla.rules.nursery.admissions;

import io.regla.api.action.Alert;
import io.regla.rules.scheduling.Transition;

import java.time.Instant;
import java.util.List;

/**
 * What one daily run did.
 *
 * @param asOf         the instant it decided at
 * @param transitions  clock transitions applied (adaptations starting and ending)
 * @param alerts       alerts raised and stored
 * @param enqueued     e-mails newly enqueued in the outbox
 * @param duplicates   e-mails decided again whose key was already in the outbox (not enqueued twice)
 * @param conflicts    enrolments changed by someone else while the run decided (left for the next run)
 */
public record DailyRunReport(Instant asOf, List<Transition> transitions, List<Alert> alerts, int enqueued,
                             int duplicates, int conflicts) {

    public DailyRunReport {
        transitions = List.copyOf(transitions);
        alerts = List.copyOf(alerts);
    }
}
