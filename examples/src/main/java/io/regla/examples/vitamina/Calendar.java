package io.regla.examples.vitamina;

import io.regla.rules.nursery.WorkingDays;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * The directors' calendar: the same holidays the {@code scheduling} rule set reads (its {@code holidays.csv}), so
 * that the simulated directors mostly pick valid days and the rules catch the mistakes they are made to make.
 */
final class Calendar {

    private static final String HOLIDAYS = "rules/scheduling/1.0.0/holidays.csv";

    private final Set<LocalDate> holidays;

    private Calendar(Set<LocalDate> holidays) {
        this.holidays = holidays;
    }

    static Calendar fromRuleSet() {
        Set<LocalDate> days = new HashSet<>();
        try (InputStream in = Calendar.class.getClassLoader().getResourceAsStream(HOLIDAYS)) {
            if (in == null) {
                throw new IllegalStateException(HOLIDAYS + " is not on the classpath (the rules module is missing)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                line = line.trim();
                if (n == 1 || line.isEmpty()) {
                    continue;   // header
                }
                days.add(LocalDate.parse(line.split(",")[0].trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Calendar(days);
    }

    boolean isWorkingDay(LocalDate day) {
        return WorkingDays.isWorkingDay(day, holidays);
    }

    /** The first working day on or after {@code day}. */
    LocalDate workingDayFrom(LocalDate day) {
        LocalDate d = day;
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** {@code n} working days after {@code day} (0: the first working day on or after it). */
    LocalDate plusWorkingDays(LocalDate day, int n) {
        LocalDate d = workingDayFrom(day);
        for (int i = 0; i < n; i++) {
            d = workingDayFrom(d.plusDays(1));
        }
        return d;
    }

    /** The first non-working day on or after {@code day} (a director's slip). */
    LocalDate nonWorkingDayFrom(LocalDate day) {
        LocalDate d = day;
        while (isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** Working days from {@code from} to {@code to}, counting {@code to} but not {@code from}. */
    int workingDaysBetween(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }
}
