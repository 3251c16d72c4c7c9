package io.regla.adapters.http.service;

import io.regla.adapters.http.BadRequestException;
import io.regla.rules.service.ChartQuery;
import io.regla.rules.service.Granularity;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChartRequestTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

    @Test
    void withoutParametersTheWindowIsTheThirtyDaysEndingTodayWeekly() {
        assertThat(ChartRequest.query(null, null, null, TODAY))
                .isEqualTo(new ChartQuery(LocalDate.of(2026, 2, 14), TODAY, Granularity.WEEK));
    }

    @Test
    void onlyToGivesTheThirtyDaysEndingThenAndOnlyFromRunsToToday() {
        assertThat(ChartRequest.query(null, "2025-12-31", "month", TODAY))
                .isEqualTo(new ChartQuery(LocalDate.of(2025, 12, 2), LocalDate.of(2025, 12, 31), Granularity.MONTH));
        assertThat(ChartRequest.query("2026-03-01", "", "DAY", TODAY))
                .isEqualTo(new ChartQuery(LocalDate.of(2026, 3, 1), TODAY, Granularity.DAY));
    }

    @Test
    void badValuesNameTheirParameter() {
        assertThatThrownBy(() -> ChartRequest.query("2026-02-30", null, null, TODAY))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEqualTo("from"))
                .hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> ChartRequest.query(null, "15/03/2026", null, TODAY))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEqualTo("to"));
        assertThatThrownBy(() -> ChartRequest.query(null, null, "YEAR", TODAY))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEqualTo("granularity"))
                .hasMessageContaining("DAY, WEEK, MONTH");
        assertThatThrownBy(() -> ChartRequest.query("2026-03-10", "2026-03-01", null, TODAY))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEqualTo("from"))
                .hasMessageContaining("after");
    }

    @Test
    void chartNumbersAreOneToEightWithOrWithoutCsv() {
        assertThat(ChartRequest.chart("1")).isEqualTo(1);
        assertThat(ChartRequest.chart("8.csv")).isEqualTo(8);
        for (String bad : new String[]{"x", "3.json", "", "1.5"}) {
            assertThatThrownBy(() -> ChartRequest.chart(bad)).as(bad)
                    .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEqualTo("n"));
        }
        // a number that names no chart is a resource that does not exist: 404, not a bad request
        for (String missing : new String[]{"0", "9", "-1", "9.csv", "100"}) {
            assertThatThrownBy(() -> ChartRequest.chart(missing)).as(missing)
                    .isInstanceOfSatisfying(io.regla.adapters.http.HttpError.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.code()).isEqualTo("NOT_FOUND");
                    });
        }
    }
}
