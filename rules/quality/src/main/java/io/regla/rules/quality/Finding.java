package io.regla.rules.quality;

import io.regla.api.Action;

import java.util.Objects;

/**
 * One irregularity in one record: the output of the built-in checks and the action custom {@code quality} rules
 * emit. Messages are Spanish, for the client's IT team, and never carry personal data in clear (the checker masks
 * the values of personal fields and e-mail addresses before a finding leaves it).
 *
 * @param dataset  the dataset's name ({@code admissions})
 * @param record   the record's 1-based number in its source (CSV data row or query row)
 * @param key      the record's key fields joined with {@code |}
 * @param field    the field the finding is about (the key fields joined with {@code ,} for DUPLICATE_KEY)
 * @param check    the check code: REQUIRED, TYPE, PATTERN, FORMAT, ENUM, RANGE, DUPLICATE_KEY, ORPHAN_REFERENCE, or
 *                 a custom rule's code (DISCHARGE_BEFORE_ADMISSION)
 * @param severity ERROR or WARNING; a custom rule may leave it null for the dataset's default
 * @param message  what is wrong, in Spanish
 */
public record Finding(String dataset, long record, String key, String field, String check, String severity,
                     String message) implements Action {

    public static final String ERROR = "ERROR";
    public static final String WARNING = "WARNING";

    public Finding {
        Objects.requireNonNull(check, "check");
        if (severity != null && !severity.equals(ERROR) && !severity.equals(WARNING)) {
            throw new IllegalArgumentException("severity must be ERROR or WARNING, not '" + severity + "'");
        }
    }

    /** A custom rule's finding about one field of a record, at the dataset's default severity. */
    public static Finding of(Record r, String field, String check, String message) {
        return new Finding(r.dataset(), r.record(), r.key(), field, check, null, message);
    }

    /** A custom rule's finding with an explicit severity (ERROR or WARNING). */
    public static Finding of(Record r, String field, String check, String severity, String message) {
        return new Finding(r.dataset(), r.record(), r.key(), field, check, severity, message);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isError() {
        return ERROR.equals(severity);
    }

}
