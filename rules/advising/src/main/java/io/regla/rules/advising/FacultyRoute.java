package io.regla.rules.advising;

import io.regla.api.PersonalData;

/**
 * One row of the faculty to advisor table ({@code faculty-routes.csv}). Faculty {@link #FALLBACK} is
 * the fallback row: who hears about deals nobody else owns.
 *
 * @param faculty      the faculty as the analyst wrote it; matching uses {@link Faculties#key}
 * @param advisorEmail the advisor's CRM e-mail: the link to an {@link Advisor}
 * @param advisorName  the advisor's name as the analyst wrote it, checked against the CRM for drift
 */
public record FacultyRoute(String faculty, @PersonalData.Field String advisorEmail, @PersonalData.Field String advisorName) {

    public static final String FALLBACK = "*";

    public FacultyRoute {
        // A table cell "JURISPRUDENCIA, ana@x.co" splits into values with leading spaces: they are layout, not data.
        faculty = faculty == null ? null : faculty.strip();
        advisorEmail = advisorEmail == null ? null : advisorEmail.strip();
        advisorName = advisorName == null || advisorName.isBlank() ? null : advisorName.strip();
    }

    public FacultyRoute(String faculty, String advisorEmail) {
        this(faculty, advisorEmail, null);
    }

    public boolean isFallback() {
        return FALLBACK.equals(faculty == null ? null : faculty.strip());
    }

    /** Whether this route serves {@code otherFaculty} (same faculty once normalised; never the fallback). */
    public boolean serves(String otherFaculty) {
        return !isFallback() && Faculties.same(faculty, otherFaculty);
    }
}
