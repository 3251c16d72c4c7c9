package io.regla.rules.mailing;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.action.SendEmail;
import io.regla.core.testing.RuleSetModuleTests;
import io.regla.rules.nursery.Adaptation;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.EnrollmentStatus;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * mailing 1.2.0's survey under daily runs that skip days at random (a machine off over a weekend, a failed run): the
 * survey goes exactly once, on the first run on or after the adaptation's first day + 5, and never when no run
 * reaches that day. Each run gets the earlier runs' mail back as history, as the daily run does.
 */
class SurveyDueProperties {

    private static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");
    private static final LocalDate FIRST_RUN = LocalDate.of(2026, 3, 2);

    @Provide
    Arbitrary<Set<Integer>> runDays() {
        return Arbitraries.integers().between(0, 30).set().ofMaxSize(20).map(TreeSet::new);
    }

    @Property(tries = 80)
    void theSurveyGoesOnceOnTheFirstRunOnOrAfterStartPlusFive(@ForAll @IntRange(min = -10, max = 25) int startOffset,
                                                              @ForAll @IntRange(min = -1, max = 9) int length,
                                                              @ForAll("runDays") Set<Integer> runDays,
                                                              @ForAll boolean historyKeepsKeys) {
        LocalDate startsOn = FIRST_RUN.plusDays(startOffset);
        Enrollment child = new Enrollment("E1", "Sofía", "C01", "Ana", "ana@example.com", FIRST_RUN.minusDays(30),
                FIRST_RUN.minusDays(30), EnrollmentStatus.ADAPTATION_SCHEDULED);
        Adaptation adaptation = new Adaptation("E1", startsOn, length < 0 ? null : startsOn.plusDays(length));
        List<Object> history = new ArrayList<>();
        List<LocalDate> surveyedOn = new ArrayList<>();
        for (int day : runDays) {
            LocalDate today = FIRST_RUN.plusDays(day);
            Instant at = today.atTime(LocalTime.of(8, 0)).atZone(SANTIAGO).toInstant();
            List<Object> facts = new ArrayList<>(List.of(child, adaptation));
            facts.addAll(history);
            Decision d = RuleSetModuleTests.moduleEngine().decide("mailing", facts,
                    DecideOptions.builder().version("1.2.0").asOf(at).tracing(false).build());
            for (SendEmail m : d.actions(SendEmail.class)) {
                history.add(new EmailSent(m.subjectId(), m.template(), m.to(), at, historyKeepsKeys ? m.key() : null));
                if (m.template().equals(Templates.ENCUESTA_ADAPTACION)) {
                    surveyedOn.add(today);
                }
            }
        }
        LocalDate due = startsOn.plusDays(5);
        List<LocalDate> expected = runDays.stream().map(FIRST_RUN::plusDays).filter(d -> !d.isBefore(due)).limit(1).toList();
        assertThat(surveyedOn).as("due %s, runs on %s", due, runDays).isEqualTo(expected);
    }
}
