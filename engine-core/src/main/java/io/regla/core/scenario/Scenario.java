package io.regla.core.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regla.api.Version;

import java.time.Instant;
import java.util.List;

/**
 * A QA scenario: facts given at an instant, optional steps that advance the clock and insert more
 * facts, and what the rules must (and must not) emit. The YAML shape is a public contract:
 * <pre>
 * scenario: Welcome e-mail goes out once on enrolment
 * ruleSet: mailing
 * version: 1.0.0                 # optional: default is the version effective at `at`
 * at: 2026-03-02T09:00:00-03:00
 * given:
 *   - Enrollment: {id: E1, guardianEmail: ana@example.com, enrolledOn: 2026-03-01}
 * steps:
 *   - at: 2026-03-09T08:00:00-03:00
 *     insert:
 *       - Adaptation: {enrollmentId: E1, startsOn: 2026-03-09}
 *     expect: { ... }            # the actions of this step
 * expect:                        # the actions of the whole scenario
 *   actions:
 *     - SendEmail: {template: BIENVENIDA, to: ana@example.com}
 *       count: 1
 *   none:
 *     - SendEmail: {template: ENCUESTA_ADAPTACION}
 *   rulesFired: [welcome-on-enrolment]
 *   rulesNotFired: [survey-weekly]   # an addition: these rules must not have fired
 * </pre>
 *
 * @param source where it was read from, for messages ({@code rules/mailing/scenarios/welcome.yaml#2})
 */
public record Scenario(String name, String ruleSet, Version version, Instant at, List<FactSpec> given,
                       List<Step> steps, Expectations expect, String source) {

    public Scenario {
        given = List.copyOf(given);
        steps = List.copyOf(steps);
    }

    /** A fact as written: its type's simple name and its fields, mapped when the version is known. */
    public record FactSpec(String type, ObjectNode fields, String where) {
    }

    /** A step: optionally move the clock, insert facts, fire, optionally check this step's actions. */
    public record Step(Instant at, List<FactSpec> insert, Expectations expect) {
        public Step {
            insert = List.copyOf(insert);
        }
    }

    /** An action pattern: the action type's simple name and the fields that must match. */
    public record ActionPattern(String type, ObjectNode fields) {
        @Override
        public String toString() {
            return type + fields.toString();
        }
    }

    /** An action pattern that must be emitted exactly {@code count} times. */
    public record ExpectedAction(ActionPattern pattern, int count) {
    }

    public record Expectations(List<ExpectedAction> actions, List<ActionPattern> none, List<String> rulesFired,
                               List<String> rulesNotFired) {
        public static final Expectations NONE = new Expectations(List.of(), List.of(), List.of(), List.of());

        public Expectations {
            actions = List.copyOf(actions);
            none = List.copyOf(none);
            rulesFired = List.copyOf(rulesFired);
            rulesNotFired = List.copyOf(rulesNotFired);
        }
    }
}
