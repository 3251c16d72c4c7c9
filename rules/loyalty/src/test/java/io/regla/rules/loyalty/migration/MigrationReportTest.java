package io.regla.rules.loyalty.migration;

import io.regla.rules.loyalty.LoyaltyReport;
import io.regla.rules.loyalty.ledger.EntryKind;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import io.regla.rules.loyalty.ledger.PointsBalance;
import io.regla.rules.loyalty.ledger.PointsStatement;
import io.regla.rules.loyalty.ledger.StatementLine;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** report.html is what the bank's migration team sends on: control totals as tables, figures as the bank reads them. */
class MigrationReportTest {

    @Test
    void theProfileIsTablesOfCountsAndAmountsNotMapDumps() {
        String html = MigrationReport.html(result());

        assertThat(html).doesNotContain("{GOLD=").doesNotContain("{ACTIVE=").doesNotContain("=1234").doesNotContain("members:ENUM");
        // members per tier, with a total row
        assertThat(html).contains("<td class=\"l\">GOLD</td><td>1.234</td>").contains("<th class=\"l\">Total</th><th>2.234</th>");
        // transactions per category and per month: count and amount side by side, es-AR figures
        assertThat(html).contains("<td class=\"l\">SUPERMARKET</td><td>3.000.000</td><td>541.590.979,01</td>")
                .contains("<td class=\"l\">2024-01</td><td>12</td><td>1.500,50</td>");
        // findings split into file and check
        assertThat(html).contains("<td class=\"l\">members</td><td class=\"l\">ENUM</td><td>4</td>")
                .contains("<td class=\"l\">transactions</td><td class=\"l\">RANGE</td><td>2</td>");
        // control totals per file say their unit; balances and points are whole numbers, amounts have cents
        assertThat(html).contains("<td class=\"l\">saldos (puntos)</td><td>2.335.397.798</td>")
                .contains("<td class=\"l\">importe</td><td>541.590.979,01</td>");
        // a drifted member's evidence, at the bank's local time
        assertThat(html).contains("CRM 1.251, reglas 856").contains("<td class=\"l\">2025-11-02 05:20:56</td><td>395</td><td>1.251</td>");
        assertThat(html).contains("Corte: 2025-12-01 00:00:00 (America/Argentina/Buenos_Aires, -03:00; 2025-12-01T03:00:00Z)");
    }

    @Test
    void anExportWithoutFindingsSaysSo() {
        String html = MigrationReport.html(result(Map.of(), Map.of()));

        assertThat(html).contains("<td class=\"l\" colspan=\"3\">ninguno</td>");
    }

    @Test
    void figuresAreGroupedTheWayTheBankReadsThem() {
        assertThat(MigrationReport.count(2_335_397_798L)).isEqualTo("2.335.397.798");
        assertThat(MigrationReport.count(-144)).isEqualTo("-144");
        assertThat(MigrationReport.amount(new BigDecimal("12030202.675"))).isEqualTo("12.030.202,68");
        assertThat(MigrationReport.amount(new BigDecimal("7"))).isEqualTo("7,00");
    }

    private static MigrationResult result() {
        return result(Map.of("members:ENUM", 4L, "transactions:RANGE", 2L), Map.of("members:DUPLICATE_KEY", 2L));
    }

    private static MigrationResult result(Map<String, Long> findings, Map<String, Long> contractFindings) {
        Map<LegacyFile, MigrationResult.FileCounts> files = new EnumMap<>(LegacyFile.class);
        files.put(LegacyFile.MEMBERS, counts(2_234, 2_230, 4, "2335397798", "2335390000", "7798"));
        files.put(LegacyFile.TRANSACTIONS, counts(3_000_000, 2_999_990, 10, "541590979.01", "541590000.00", "979.01"));
        files.put(LegacyFile.REFUNDS, counts(10, 10, 0, "100.50", "100.50", "0"));
        files.put(LegacyFile.REDEMPTIONS, counts(5, 5, 0, "4000", "4000", "0"));
        Map<LegacyFile, ExportProfile.FileTotals> totals = new EnumMap<>(LegacyFile.class);
        files.forEach((f, c) -> totals.put(f, new ExportProfile.FileTotals(c.legacy(), c.legacySum())));
        ExportProfile profile = new ExportProfile(totals, findings, contractFindings, Map.of("GOLD", 1_234L, "CLASSIC", 1_000L),
                Map.of("ACTIVE", 2_200L, "CLOSED", 34L), Map.of("SUPERMARKET", 3_000_000L), Map.of("SUPERMARKET", new BigDecimal("541590979.01")),
                Map.of("2024-01", 12L), Map.of("2024-01", new BigDecimal("1500.5")), 2_335_397_798L);
        BalanceFinding drift = new BalanceFinding("M00001750", "PLATINUM", BalanceClass.DRIFT_UP, 1_251, 856);
        Instant at = Instant.parse("2025-11-02T08:20:56Z");
        LedgerEntry opening = new LedgerEntry("M00001750", 6, EntryKind.ADJUSTMENT, "OPENING-M00001750", null, 395, at, null, null, at, null);
        PointsStatement statement = new PointsStatement("M00001750", List.of(new StatementLine(opening, 1_251)),
                new PointsBalance("M00001750", at, 1_251, 1_251, 0, 0, 0, 0));
        Map<BalanceClass, Long> classes = new EnumMap<>(BalanceClass.class);
        classes.put(BalanceClass.MATCH, 2_229L);
        classes.put(BalanceClass.DRIFT_UP, 1L);
        Map<BalanceClass, Long> drifts = new EnumMap<>(BalanceClass.class);
        drifts.put(BalanceClass.DRIFT_UP, 395L);
        Map<String, Long> histogram = new LinkedHashMap<>();
        histogram.put("101..1000", 1L);
        BalanceVerification balances = new BalanceVerification(classes, drifts, histogram, List.of(drift), Map.of("PLATINUM", List.of(drift)),
                Map.of("M00001750", statement), 2_335_397_798L, 2_335_397_403L, 1);
        return new MigrationResult(files, Map.of("ENUM", 4L), profile, balances, new LoyaltyReport(), new LoyaltyReport(), 0,
                Instant.parse("2025-12-01T03:00:00Z"),
                ZoneId.of("America/Argentina/Buenos_Aires"), Map.of("load", 1_234L));
    }

    private static MigrationResult.FileCounts counts(long legacy, long migrated, long rejected, String legacySum, String migratedSum,
                                                     String rejectedSum) {
        return new MigrationResult.FileCounts(legacy, migrated, rejected, new BigDecimal(legacySum), new BigDecimal(migratedSum),
                new BigDecimal(rejectedSum));
    }
}
