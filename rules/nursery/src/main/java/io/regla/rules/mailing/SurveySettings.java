package io.regla.rules.mailing;

import io.regla.rules.nursery.Adaptation;

import java.time.LocalDate;
import java.util.List;

/**
 * When the adaptation survey is due (mailing 1.2.0, one row of {@code survey-settings.csv} in the version folder):
 * {@code days} days after the adaptation's first day ({@code surveyDaysAfter: START}, the default) or its last day
 * ({@code END}). A blank cell takes the default: START, 5 days.
 *
 * @param surveyDaysAfter which adaptation day the days are counted from
 * @param days            how many days after it (0 or more)
 */
public record SurveySettings(Anchor surveyDaysAfter, Integer days) {

    /** The seed's "hace 5 días". */
    public static final int DEFAULT_DAYS = 5;

    /** The adaptation day the survey's days count from. */
    public enum Anchor {
        /** The adaptation's first day ({@code Adaptation.startsOn}). */
        START,
        /** The adaptation's last day ({@code Adaptation.endsOn}), as mailing 1.1.0 counted. */
        END
    }

    public SurveySettings {
        surveyDaysAfter = surveyDaysAfter == null ? Anchor.START : surveyDaysAfter;
        days = days == null ? DEFAULT_DAYS : days;
        if (days < 0) {
            throw new IllegalArgumentException("SurveySettings.days must be 0 or more, was " + days);
        }
    }

    /** The defaults: START, {@value #DEFAULT_DAYS} days. */
    public static SurveySettings defaults() {
        return new SurveySettings(null, null);
    }

    /** The day this setting makes the survey of {@code adaptation} due, or null while its last day is unknown (END). */
    public LocalDate dueOn(Adaptation adaptation) {
        LocalDate from = surveyDaysAfter == Anchor.START ? adaptation.startsOn() : adaptation.endsOn();
        return from == null ? null : from.plusDays(days);
    }

    /**
     * The due day under the version's settings, as the rule reads them: no row means the defaults; more than one
     * row is a mistake in the reference data, refused rather than guessed.
     *
     * @param settings the {@code SurveySettings} facts of the decision
     * @throws IllegalArgumentException if there is more than one distinct setting
     */
    public static LocalDate dueOn(List<?> settings, Adaptation adaptation) {
        List<?> distinct = settings.stream().distinct().toList();
        if (distinct.size() > 1) {
            throw new IllegalArgumentException("survey-settings.csv: expected one row, found " + distinct.size() + ": " + distinct);
        }
        SurveySettings s = distinct.isEmpty() ? defaults() : (SurveySettings) distinct.get(0);
        return s.dueOn(adaptation);
    }
}
