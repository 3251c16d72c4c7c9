package io.regla.rules.scheduling;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.FactFormat;
import io.regla.api.FactMappingException;
import io.regla.api.action.Rejection;
import io.regla.core.testing.RuleSetModuleTests;
import io.regla.rules.nursery.Campus;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.EnrollmentStatus;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one-shot path a back-office call takes: the store's facts plus one command, decided at once. */
class SchedulingDecideTest {

    private static final Instant MONDAY_MORNING = Instant.parse("2026-09-14T12:00:00Z");

    private static Enrollment interviewed(String id) {
        return new Enrollment(id, null, "C1", null, null, LocalDate.of(2026, 9, 1), null, EnrollmentStatus.INTERVIEWED);
    }

    @Test
    void holidaysFromTheRuleSetApplyToEveryDecision() {
        // 18 and 19 September 2026 (Fiestas Patrias) are a Friday and a Saturday.
        Decision d = RuleSetModuleTests.moduleEngine().decide("scheduling", List.of(new Campus("C1", "Norte", 2), interviewed("E1"),
                        new ScheduleAdaptation("E1", LocalDate.of(2026, 9, 18), "directora")),
                DecideOptions.at(MONDAY_MORNING));
        assertThat(d.actions(Rejection.class)).extracting(Rejection::code).containsExactly("NON_WORKING_DAY");
    }

    @Test
    void anAdaptationOverFiestasPatriasEndsTheWeekAfter() {
        Decision d = RuleSetModuleTests.moduleEngine().decide("scheduling", List.of(new Campus("C1", "Norte", 2), interviewed("E1"),
                        new ScheduleAdaptation("E1", LocalDate.of(2026, 9, 16), "directora")),
                DecideOptions.at(MONDAY_MORNING));
        // Wed 16, Thu 17, (Fri 18, Sat 19, Sun 20), Mon 21, Tue 22, Wed 23
        assertThat(d.actions(Transition.class)).singleElement()
                .satisfies(t -> assertThat(t.reason()).isEqualTo("adaptation scheduled from 2026-09-16 to 2026-09-23"));
    }

    @Test
    void aCommandReadWithoutAuthorIsAMappingErrorNamingTheRecord() {
        String yaml = "- Enrollment: {id: E1, status: ENROLLED}\n- ScheduleInterview: {enrollmentId: E1, at: 2026-09-15T10:00:00-03:00}\n";
        assertThatThrownBy(() -> RuleSetModuleTests.moduleEngine().readFacts("scheduling", DecideOptions.at(MONDAY_MORNING), FactFormat.YAML,
                new StringReader(yaml), "commands.yaml"))
                .isInstanceOf(FactMappingException.class)
                .hasMessageContaining("commands.yaml").hasMessageContaining("record 2").hasMessageContaining("'by'");
    }

    @Test
    void aCommandWithoutAuthorIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new ScheduleInterview("E1", MONDAY_MORNING, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'by'");
        assertThatThrownBy(() -> new CancelEnrollment(null, "x", "directora"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enrollmentId");
    }
}
