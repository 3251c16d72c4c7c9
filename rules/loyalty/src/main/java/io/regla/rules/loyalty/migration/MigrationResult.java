package io.regla.rules.loyalty.migration;

import io.regla.rules.loyalty.LoyaltyReport;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * What a migration run found: per file legacy / migrated / rejected (counts and sums), rejects per check,
 * the before profile, the balance verification, the replay's own figures and the time per stage (wall
 * milliseconds under the stage's name, the CPU milliseconds of the threads that worked on the stage under {@code <stage>.cpu}).
 * {@code zone} is the rule set's time zone: the months of the profile and the local times of the report.
 */
public record MigrationResult(Map<LegacyFile, FileCounts> files, Map<String, Long> rejects, ExportProfile profile,
                              BalanceVerification balances, LoyaltyReport replay, LoyaltyReport expiry, long unaccountedLines,
                              Instant cutover, ZoneId zone, Map<String, Long> millisByStage) {

    /**
     * @param legacySum   the file's control total (amounts; points for balances and redemptions) over rows that parse
     * @param rejectedSum the same over its rejected rows
     */
    public record FileCounts(long legacy, long migrated, long rejected, BigDecimal legacySum, BigDecimal migratedSum,
                             BigDecimal rejectedSum) {

        /** legacy = migrated + rejected, and the same for the sums. */
        public boolean complete() {
            return legacy == migrated + rejected && legacySum.compareTo(migratedSum.add(rejectedSum)) == 0;
        }
    }

    /** Counts and sums add up for every file and every legacy line is migrated or rejected. */
    public boolean complete() {
        return unaccountedLines == 0 && files.values().stream().allMatch(FileCounts::complete);
    }

    public Map<String, Long> balanceCounts() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        balances.counts().forEach((k, v) -> out.put(k.name(), v));
        return out;
    }

    /** reconciliation.json, in the shape. */
    public String reconciliationJson() {
        StringBuilder b = new StringBuilder("{\n");
        for (LegacyFile f : LegacyFile.values()) {
            FileCounts c = files.get(f);
            b.append("  \"").append(f.key()).append("\": {\"legacy\": ").append(c.legacy()).append(", \"migrated\": ").append(c.migrated())
                    .append(", \"rejected\": ").append(c.rejected()).append("},\n");
        }
        b.append("  \"balances\": ").append(object(balanceCounts())).append(",\n");
        b.append("  \"rejects\": ").append(object(rejects)).append("\n}\n");
        return b.toString();
    }

    private static String object(Map<String, Long> m) {
        StringBuilder b = new StringBuilder("{");
        m.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append('"').append(k).append("\": ").append(v));
        return b.append('}').toString();
    }

    /** The summary printed at the end of a run (Spanish, for the business). */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("Migración del CRM al corte %s%n", cutover));
        b.append(String.format("  %-13s %12s %12s %12s  %s%n", "archivo", "legado", "migrados", "rechazados", "totales"));
        for (LegacyFile f : LegacyFile.values()) {
            FileCounts c = files.get(f);
            b.append(String.format("  %-13s %,12d %,12d %,12d  %s%n", f.key(), c.legacy(), c.migrated(), c.rejected(),
                    c.complete() ? "cuadran" : "NO CUADRAN (" + c.legacySum().toPlainString() + " vs " + c.migratedSum().toPlainString()
                            + " + " + c.rejectedSum().toPlainString() + ")"));
        }
        b.append("  antes, contratos del export: ").append(profile.contractFindings().isEmpty() ? "sin hallazgos" : profile.contractFindings())
                .append(System.lineSeparator());
        b.append(String.format("  líneas sin migrar ni rechazar: %d%n", unaccountedLines));
        b.append("  rechazos por control: ").append(rejects.isEmpty() ? "ninguno" : rejects).append(System.lineSeparator());
        b.append("  saldos: ").append(balanceCounts()).append(String.format(" (CRM %,d puntos, reglas %,d; %d ajustes de apertura)%n",
                balances.crmSum(), balances.replayedSum(), balances.openingAdjustments()));
        return b.toString();
    }
}
