package io.regla.rules.nursery;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkingDaysTest {

    private static final LocalDate GOOD_FRIDAY_2026 = LocalDate.of(2026, 4, 3);

    @Test
    void fiveWorkingDaysFromMondayEndOnFriday() {
        assertThat(WorkingDays.lastOf(LocalDate.of(2026, 3, 9), 5, Set.of())).isEqualTo(LocalDate.of(2026, 3, 13));
    }

    @Test
    void spansSkipWeekendsAndHolidays() {
        // Wed 1, Thu 2, (Good Friday 3, Sat 4, Sun 5), Mon 6, Tue 7, Wed 8
        assertThat(WorkingDays.lastOf(LocalDate.of(2026, 4, 1), 5, Set.of(GOOD_FRIDAY_2026))).isEqualTo(LocalDate.of(2026, 4, 8));
        assertThat(WorkingDays.lastOf(LocalDate.of(2026, 4, 2), 1, Set.of(GOOD_FRIDAY_2026))).isEqualTo(LocalDate.of(2026, 4, 2));
    }

    @Test
    void weekendsAndHolidaysAreNotWorkingDays() {
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 3, 7), Set.of())).isFalse();
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 3, 8), Set.of())).isFalse();
        assertThat(WorkingDays.isWorkingDay(GOOD_FRIDAY_2026, Set.of(GOOD_FRIDAY_2026))).isFalse();
        assertThat(WorkingDays.isWorkingDay(GOOD_FRIDAY_2026, Set.of())).isTrue();
    }

    @Test
    void aSpanHasAtLeastOneDay() {
        assertThatThrownBy(() -> WorkingDays.lastOf(LocalDate.of(2026, 3, 9), 0, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void campusDefaultsToFiveAdaptationDays() {
        assertThat(new Campus("C1", "Norte", 2).adaptationDays()).isEqualTo(5);
        assertThat(new Campus("C1", "Norte", 2, null).adaptationDays()).isEqualTo(5);
        assertThat(new Campus("C1", "Norte", 2, 0).adaptationDays()).isEqualTo(5);
        assertThat(new Campus("C1", "Norte", 2, 3).adaptationDays()).isEqualTo(3);
        assertThatThrownBy(() -> new Campus("C1", "Norte", -1)).hasMessageContaining("dailyAdaptationCapacity");
    }

    /** The holiday file: sorted, no duplicates, 2023 to 2027, with every Good Friday and Holy Saturday. */
    @Test
    void holidayFileCoversChileanHolidays2023To2027() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("scheduling", "1.0.0", "holidays.csv"));
        assertThat(lines.get(0)).isEqualTo("date");
        List<LocalDate> dates = lines.stream().skip(1).map(LocalDate::parse).toList();
        assertThat(dates).isSorted().doesNotHaveDuplicates();
        assertThat(dates).allMatch(d -> d.getYear() >= 2023 && d.getYear() <= 2027);
        for (int year = 2023; year <= 2027; year++) {
            LocalDate easter = easterSunday(year);
            assertThat(dates).contains(easter.minusDays(2), easter.minusDays(1),
                    LocalDate.of(year, 1, 1), LocalDate.of(year, 5, 1), LocalDate.of(year, 5, 21),
                    LocalDate.of(year, 9, 18), LocalDate.of(year, 9, 19), LocalDate.of(year, 12, 25));
        }
        // Holidays moved to a Monday by law (San Pedro y San Pablo 2023, Encuentro de Dos Mundos 2027).
        assertThat(dates).contains(LocalDate.of(2023, 6, 26), LocalDate.of(2027, 10, 11));
        assertThat(dates).filteredOn(d -> d.equals(LocalDate.of(2023, 6, 26))).allMatch(d -> d.getDayOfWeek() == DayOfWeek.MONDAY);
    }

    /** Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    private static LocalDate easterSunday(int y) {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451, month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(y, month, day);
    }
}
