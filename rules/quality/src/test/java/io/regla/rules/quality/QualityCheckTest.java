package io.regla.rules.quality;

import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.rules.quality.check.DatasetResult;
import io.regla.rules.quality.check.FieldProfile;
import io.regla.rules.quality.contract.Contracts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QualityCheckTest {

    static final Path MINI = Path.of("src/test/resources/mini");
    static RulesEngine engine;

    @BeforeAll
    static void engine() {
        engine = Regla.builder().rulesDirectory(Path.of("")).build();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static CheckResult check() {
        return QualityCheck.builder(Contracts.load(MINI)).rules(engine, List.of("quality"))
                .at(Instant.parse("2026-03-01T12:00:00Z")).build().run();
    }

    @Test
    void everyBuiltInCheckFindsItsFaultOnce() {
        CheckResult r = check();
        assertThat(r.datasets()).extracting(DatasetResult::dataset).containsExactly("patients", "admissions");
        DatasetResult patients = r.dataset("patients");
        assertThat(patients.records()).isEqualTo(5);
        assertThat(patients.findings()).containsExactly(Map.entry("REQUIRED", 1L), Map.entry("PATTERN", 1L),
                Map.entry("FORMAT", 1L), Map.entry("RANGE", 1L), Map.entry("DUPLICATE_KEY", 1L));
        DatasetResult admissions = r.dataset("admissions");
        assertThat(admissions.records()).isEqualTo(7);
        assertThat(admissions.findings()).containsExactly(Map.entry("TYPE", 1L), Map.entry("ENUM", 1L),
                Map.entry("RANGE", 2L), Map.entry("ORPHAN_REFERENCE", 1L), Map.entry("DISCHARGE_BEFORE_ADMISSION", 1L));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void findingsNameRecordKeyFieldAndCheck() {
        List<Finding> f = check().findings();
        assertThat(f).contains(
                new Finding("patients", 4, "P0003", "patientId", "DUPLICATE_KEY", "ERROR",
                        "la clave P0003 se repite: ya apareció en un registro anterior"),
                new Finding("admissions", 3, "A000003", "patientId", "ORPHAN_REFERENCE", "ERROR",
                        "'P9999' no existe en patients.patientId"),
                new Finding("admissions", 7, "A000007", "admittedAt", "TYPE", "ERROR", "'ayer' no es de tipo datetime"),
                new Finding("admissions", 6, "A000006", "age", "RANGE", "ERROR", "'200' está fuera del rango [0, 120]"));
        Finding custom = f.stream().filter(x -> x.check().equals("DISCHARGE_BEFORE_ADMISSION")).findFirst().orElseThrow();
        assertThat(custom).extracting(Finding::record, Finding::key, Finding::field, Finding::severity)
                .containsExactly(5L, "A000005", "dischargedAt", "ERROR");
        // local datetimes are read in the contract's zone (America/Sao_Paulo, -03:00)
        assertThat(custom.message()).contains("2026-02-04T12:00:00Z").contains("2026-02-05T12:00:00Z");
    }

    @Test
    void personalDataIsMaskedInMessagesAndProfiles() {
        CheckResult r = check();
        Finding email = r.findings().stream().filter(x -> x.check().equals("FORMAT")).findFirst().orElseThrow();
        assertThat(email.message()).isEqualTo("'b***@example' no tiene formato email");
        FieldProfile name = r.dataset("patients").profile().stream().filter(p -> p.field().equals("name")).findFirst().orElseThrow();
        assertThat(name.min()).isEqualTo("A***");
        assertThat(name.nulls()).isEqualTo(1);
        FieldProfile document = r.dataset("patients").profile().stream().filter(p -> p.field().equals("document")).findFirst().orElseThrow();
        assertThat(document.max()).isEqualTo("4***");
        assertThat(r.findings()).allSatisfy(x -> assertThat(x.message()).doesNotContain("garcia", "bruno@", "Carla"));
    }

    @Test
    void profileCountsValuesNullsDistinctAndRange() {
        FieldProfile age = check().dataset("admissions").profile().stream().filter(p -> p.field().equals("age")).findFirst().orElseThrow();
        assertThat(age).isEqualTo(new FieldProfile("age", "integer", 7, 0, 0, 5, true, "7", "200"));
    }

    @Test
    void withoutCustomRulesOnlyBuiltInChecksRun() {
        CheckResult r = QualityCheck.builder(Contracts.load(MINI)).build().run();
        assertThat(r.dataset("admissions").findings()).doesNotContainKey("DISCHARGE_BEFORE_ADMISSION");
    }
}
