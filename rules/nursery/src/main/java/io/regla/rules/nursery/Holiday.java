package io.regla.rules.nursery;

import java.time.LocalDate;
import java.util.Objects;

/** A public holiday: no interview or adaptation day falls on it. Read from a rule set's {@code holidays.csv}. */
public record Holiday(LocalDate date) {
    public Holiday {
        Objects.requireNonNull(date, "Holiday.date is required");
    }
}
