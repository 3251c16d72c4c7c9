package io.regla.rules.mailing;

import io.regla.rules.nursery.Adaptation;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurveySettingsProperties {

    @Provide
    Arbitrary<Adaptation> adaptations() {
        return Arbitraries.integers().between(0, 3000).flatMap(start -> Arbitraries.integers().between(-1, 20).map(len -> {
            LocalDate s = LocalDate.of(2023, 1, 1).plusDays(start);
            return new Adaptation("E1", s, len < 0 ? null : s.plusDays(len));
        }));
    }

    @Property
    void start_counts_from_the_first_day_and_needs_no_last_day(@ForAll("adaptations") Adaptation a, @ForAll @IntRange(max = 60) int days) {
        assertThat(new SurveySettings(SurveySettings.Anchor.START, days).dueOn(a)).isEqualTo(a.startsOn().plusDays(days));
    }

    @Property
    void end_is_never_earlier_than_start_and_waits_for_the_last_day(@ForAll("adaptations") Adaptation a, @ForAll @IntRange(max = 60) int days) {
        LocalDate end = new SurveySettings(SurveySettings.Anchor.END, days).dueOn(a);
        if (a.endsOn() == null) {
            assertThat(end).isNull();
        } else {
            assertThat(end).isEqualTo(a.endsOn().plusDays(days)).isAfterOrEqualTo(a.startsOn().plusDays(days));
        }
    }

    @Property
    void no_row_or_blank_cells_mean_start_and_five_days(@ForAll("adaptations") Adaptation a) {
        LocalDate expected = a.startsOn().plusDays(5);
        assertThat(SurveySettings.dueOn(List.of(), a)).isEqualTo(expected);
        assertThat(SurveySettings.dueOn(List.of(new SurveySettings(null, null)), a)).isEqualTo(expected);
    }

    @Property
    void two_different_rows_are_refused_naming_the_file(@ForAll("adaptations") Adaptation a) {
        List<SurveySettings> two = List.of(SurveySettings.defaults(), new SurveySettings(SurveySettings.Anchor.END, 5));
        assertThatThrownBy(() -> SurveySettings.dueOn(two, a)).hasMessageContaining("survey-settings.csv");
    }
}
