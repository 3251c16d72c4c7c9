package io.regla.rules.loyalty.migration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The before profile is part of a MigrationResult: nothing reachable from it can be changed afterwards. */
class ExportProfileTest {

    @Test
    void theProfileCannotBeChangedAndAddingContractFindingsMakesANewOne(@TempDir Path dir) throws Exception {
        ExportGenerator.Result generated = new ExportGenerator().generate(dir, 40, 300, 3, true);
        ExportProfile p = ExportProfile.of(dir, new RowParser(ExportGenerator.FIRST.toInstant()), ZoneId.of("America/Argentina/Buenos_Aires"));

        assertThat(p.totals(LegacyFile.MEMBERS).rows()).isEqualTo(generated.legacy().get("members"));
        assertThat(p.membersByTier().values().stream().mapToLong(Long::longValue).sum()).isPositive();
        assertThat(p.findings()).isNotEmpty();
        assertThatThrownBy(() -> p.membersByTier().put("GOLD", 1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.files().remove(LegacyFile.MEMBERS)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.amountByMonth().put("2025-01", BigDecimal.ONE)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new java.util.ArrayList<>(p.transactionsByMonth().keySet())).isNotEmpty().isSorted();

        java.util.Map<String, Long> findings = new java.util.HashMap<>(Map.of("members:ENUM", 2L));
        ExportProfile q = p.withContractFindings(findings);
        findings.put("members:TYPE", 1L);
        assertThat(q.contractFindings()).containsExactly(Map.entry("members:ENUM", 2L));
        assertThat(p.contractFindings()).isEmpty();
        assertThat(q.withContractFindings(Map.of())).isEqualTo(p);
    }
}
