package io.regla.rules.loyalty.migration;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Before the migration: one streamed pass over the export with the single-record checks (the export's
 * contract) and the control totals the business signs off: members per tier and status, the sum of
 * balances, transactions and amount per category and month, and per file the rows and the sum of their
 * amounts (points for members' balances and redemptions).
 *
 * <p>Immutable (it is part of a {@link MigrationResult}): every map is an unmodifiable copy, the keyed ones
 * sorted so the report lists them in a stable order.
 *
 * @param files                  per file: rows and the sum of the amounts that parse
 * @param findings               single-record findings, {@code file:CHECK} to rows
 * @param contractFindings       the bundled contracts' findings (quality domain), {@code dataset:CHECK} to records
 * @param balanceSum             the sum of the members' CRM balances
 */
public record ExportProfile(Map<LegacyFile, FileTotals> files, Map<String, Long> findings, Map<String, Long> contractFindings,
                            Map<String, Long> membersByTier, Map<String, Long> membersByStatus,
                            Map<String, Long> transactionsByCategory, Map<String, BigDecimal> amountByCategory,
                            Map<String, Long> transactionsByMonth, Map<String, BigDecimal> amountByMonth, long balanceSum) {

    /** Per file: rows, and the sum of the amounts that parse. */
    public record FileTotals(long rows, BigDecimal sum) {
    }

    public ExportProfile {
        EnumMap<LegacyFile, FileTotals> byFile = new EnumMap<>(LegacyFile.class);
        byFile.putAll(files);
        files = Collections.unmodifiableMap(byFile);
        findings = sorted(findings);
        contractFindings = sorted(contractFindings);
        membersByTier = sorted(membersByTier);
        membersByStatus = sorted(membersByStatus);
        transactionsByCategory = sorted(transactionsByCategory);
        amountByCategory = sorted(amountByCategory);
        transactionsByMonth = sorted(transactionsByMonth);
        amountByMonth = sorted(amountByMonth);
    }

    private static <V> Map<String, V> sorted(Map<String, V> m) {
        return Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(m)));
    }

    /** The same profile with the bundled contracts' findings. */
    public ExportProfile withContractFindings(Map<String, Long> contractFindings) {
        return new ExportProfile(files, findings, contractFindings, membersByTier, membersByStatus, transactionsByCategory,
                amountByCategory, transactionsByMonth, amountByMonth, balanceSum);
    }

    public FileTotals totals(LegacyFile file) {
        return files.get(file);
    }

    static ExportProfile of(Path dir, RowParser parser, ZoneId zone) {
        Tally t = new Tally();
        for (LegacyFile file : LegacyFile.values()) {
            long rows = 0;
            BigDecimal sum = BigDecimal.ZERO;
            try (BufferedReader r = ExportFiles.open(dir, file)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.isEmpty()) continue;
                    rows++;
                    String[] fields = Csv.parse(line);
                    BigDecimal amount = amountOf(file, fields);
                    if (amount != null) sum = sum.add(amount);
                    try {
                        t.count(parser.parse(file, rows, fields), zone);
                    } catch (RowParser.Refused e) {
                        t.findings.merge(file.key() + ":" + e.check, 1L, Long::sum);
                    }
                }
            } catch (IOException e) {
                throw new UnreadableExportException(dir.resolve(file.fileName()) + ": " + e.getMessage(), e);
            }
            t.files.put(file, new FileTotals(rows, sum));
        }
        return new ExportProfile(t.files, t.findings, Map.of(), t.membersByTier, t.membersByStatus, t.transactionsByCategory,
                t.amountByCategory, t.transactionsByMonth, t.amountByMonth, t.balanceSum);
    }

    /** The amount a row adds to its file's control total, when it parses (a row the checks refuse may still have one). */
    static BigDecimal amountOf(LegacyFile file, String line) {
        return amountOf(file, Csv.parse(line));
    }

    private static BigDecimal amountOf(LegacyFile file, String[] f) {
        if (f == null || f.length != file.header().size()) return null;
        String v = switch (file) {
            case MEMBERS -> f[7];
            case TRANSACTIONS -> f[3];
            case REFUNDS -> f[3];
            case REDEMPTIONS -> f[3];
        };
        try {
            return new BigDecimal(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The mutable counters of the one pass; the profile is built from them once the pass is over. */
    private static final class Tally {
        final Map<LegacyFile, FileTotals> files = new EnumMap<>(LegacyFile.class);
        final Map<String, Long> findings = new TreeMap<>();
        final Map<String, Long> membersByTier = new TreeMap<>();
        final Map<String, Long> membersByStatus = new TreeMap<>();
        final Map<String, Long> transactionsByCategory = new TreeMap<>();
        final Map<String, BigDecimal> amountByCategory = new TreeMap<>();
        final Map<String, Long> transactionsByMonth = new TreeMap<>();
        final Map<String, BigDecimal> amountByMonth = new TreeMap<>();
        long balanceSum;

        void count(Object row, ZoneId zone) {
            if (row instanceof LegacyRows.Member m) {
                membersByTier.merge(m.tier(), 1L, Long::sum);
                membersByStatus.merge(m.status(), 1L, Long::sum);
                balanceSum += m.pointsBalance();
            } else if (row instanceof LegacyRows.Transaction t) {
                String cat = t.category() == null || t.category().isEmpty() ? "(none)" : t.category();
                transactionsByCategory.merge(cat, 1L, Long::sum);
                amountByCategory.merge(cat, t.amount(), BigDecimal::add);
                String month = YearMonth.from(t.postedAt().atZoneSameInstant(zone)).toString();
                transactionsByMonth.merge(month, 1L, Long::sum);
                amountByMonth.merge(month, t.amount(), BigDecimal::add);
            }
        }
    }
}
