package io.regla.adapters.store.jdbc;

import io.regla.rules.quality.history.QualityHistory;
import io.regla.rules.quality.history.QualityHistoryProvider;
import io.regla.rules.quality.history.QualityRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Recorded data-quality runs (migration V10) on H2 and PostgreSQL, and the provider the CLI finds. */
class JdbcQualityHistoryTest {

    private static void recordsAndReadsInTimeOrder(QualityHistory history) {
        String dataset = "admissions-" + UUID.randomUUID();
        Map<String, Long> first = new LinkedHashMap<>();
        first.put("REQUIRED", 3L);
        first.put("ORPHAN_REFERENCE", 2L);
        QualityRun later = new QualityRun("r2", Instant.parse("2026-03-09T12:00:00Z"), dataset, 1210, 1, 0, Map.of("REQUIRED", 1L));
        QualityRun earlier = new QualityRun("r1", Instant.parse("2026-03-02T12:00:00Z"), dataset, 1200, 5, 0, first);
        history.record(List.of(later, new QualityRun("r2", later.at(), "patients", 800, 0, 0, Map.of())));
        history.record(List.of(earlier));
        List<QualityRun> runs = history.history(dataset);
        assertThat(runs).containsExactly(earlier, later);
        assertThat(runs.get(0).findings()).containsExactly(Map.entry("REQUIRED", 3L), Map.entry("ORPHAN_REFERENCE", 2L));
        assertThat(history.history("nothing")).isEmpty();
    }

    @Test
    void h2() {
        recordsAndReadsInTimeOrder(JdbcQualityHistory.of(TestDatabases.h2()));
    }

    @Test
    void postgres() {
        recordsAndReadsInTimeOrder(JdbcQualityHistory.of(TestDatabases.postgresStore()));
    }

    @Test
    void theProviderOpensAnH2FileThatKeepsRunsAcrossOpenings() {
        Path file = TestDatabases.tempDir("quality-history").resolve("regla");
        QualityRun run = new QualityRun("r1", Instant.parse("2026-03-02T12:00:00Z"), "labResults", 3000, 0, 12, Map.of("TYPE", 4L));
        try (QualityHistory h = QualityHistoryProvider.find().openH2(file)) {
            h.record(List.of(run));
        }
        try (QualityHistory h = QualityHistoryProvider.find().openH2(file)) {
            assertThat(h.history("labResults")).containsExactly(run);
        }
    }
}
