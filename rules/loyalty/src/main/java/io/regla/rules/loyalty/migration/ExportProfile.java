package io.regla.rules.loyalty.migration;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
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

    /** The profile alone, one pass of its own over the export (the contracts' findings empty; {@link BeforeCheck} does both in one read). */
    static ExportProfile of(Path dir, RowParser parser, ZoneId zone) {
        Tally t = new Tally(parser, zone);
        for (LegacyFile file : LegacyFile.values()) profileFile(dir, file, t);
        return t.profile(Map.of());
    }

    /** One file's rows into {@code t}, read on their own. */
    static void profileFile(Path dir, LegacyFile file, Tally t) {
        try (BufferedReader r = ExportFiles.open(dir, file)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isEmpty()) continue;
                t.row(file, Csv.parse(line));
            }
        } catch (IOException e) {
            throw new UnreadableExportException(dir.resolve(file.fileName()) + ": " + e.getMessage(), e);
        }
        t.endOfFile(file);
    }

    /** The amount a row adds to its file's control total, when it parses (a row the checks refuse may still have one). */
    static BigDecimal amountOf(LegacyFile file, String line) {
        return amountOf(file, Csv.parse(line));
    }

    /** The control-total amount of a row that passed the single-record checks. */
    private static BigDecimal amountOf(Object row) {
        if (row instanceof LegacyRows.Member m) return BigDecimal.valueOf(m.pointsBalance());
        if (row instanceof LegacyRows.Transaction t) return t.amount();
        if (row instanceof LegacyRows.Refund r) return r.amount();
        return BigDecimal.valueOf(((LegacyRows.Redemption) row).points());
    }

    static BigDecimal amountOf(LegacyFile file, String[] f) {
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

    /**
     * The mutable counters of the one pass; the profile is built from them once the pass is over. Fed a file at a time:
     * {@link #row} for each non-empty line (split by {@link Csv#parse}), then {@link #endOfFile}.
     */
    static final class Tally {
        private final RowParser parser;
        private final ZoneId zone;
        private LegacyFile current;
        private long rows;
        private BigDecimal sum = BigDecimal.ZERO;
        final Map<LegacyFile, FileTotals> files = new EnumMap<>(LegacyFile.class);
        final Map<String, Long> findings = new HashMap<>();
        final Map<String, Long> membersByTier = new HashMap<>();
        final Map<String, Long> membersByStatus = new HashMap<>();
        final Map<String, Long> transactionsByCategory = new HashMap<>();
        final Map<String, BigDecimal> amountByCategory = new HashMap<>();
        final Map<String, Long> transactionsByMonth = new HashMap<>();
        final Map<String, BigDecimal> amountByMonth = new HashMap<>();
        /** The month's text by year * 12 + month: a YearMonth and its text per transaction cost more than the rest of its tally. */
        private final Map<Long, String> monthText = new HashMap<>();
        long balanceSum;

        Tally(RowParser parser, ZoneId zone) {
            this.parser = parser;
            this.zone = zone;
        }

        /** One non-empty line of {@code file}, split ({@code null}: a quote left open). */
        void row(LegacyFile file, String[] fields) {
            if (current == null) current = file;
            else if (current != file) throw new IllegalStateException(file.fileName() + " profiled while " + current.fileName() + " is");
            rows++;
            Object parsed;
            try {
                parsed = parser.parse(file, rows, fields);
            } catch (RowParser.Refused e) {
                findings.merge(file.key() + ":" + e.check, 1L, Long::sum);
                parsed = null;
            }
            // a parsed row's amount is the one amountOf would read again from its text (the same trimmed field, the same
            // value and scale); a refused row may still have one
            BigDecimal amount = parsed != null ? amountOf(parsed) : amountOf(file, fields);
            if (amount != null) sum = sum.add(amount);
            if (parsed != null) count(parsed, zone);
        }

        void endOfFile(LegacyFile file) {
            if (files.put(file, new FileTotals(rows, sum)) != null) throw new IllegalStateException(file.fileName() + " profiled twice");
            current = null;
            rows = 0;
            sum = BigDecimal.ZERO;
        }

        boolean done(LegacyFile file) {
            return files.containsKey(file);
        }

        ExportProfile profile(Map<String, Long> contractFindings) {
            return new ExportProfile(files, findings, contractFindings, membersByTier, membersByStatus, transactionsByCategory,
                    amountByCategory, transactionsByMonth, amountByMonth, balanceSum);
        }

        private void count(Object row, ZoneId zone) {
            if (row instanceof LegacyRows.Member m) {
                membersByTier.merge(m.tier(), 1L, Long::sum);
                membersByStatus.merge(m.status(), 1L, Long::sum);
                balanceSum += m.pointsBalance();
            } else if (row instanceof LegacyRows.Transaction t) {
                String cat = t.category() == null || t.category().isEmpty() ? "(none)" : t.category();
                transactionsByCategory.merge(cat, 1L, Long::sum);
                amountByCategory.merge(cat, t.amount(), BigDecimal::add);
                java.time.LocalDate day = t.postedAt().atZoneSameInstant(zone).toLocalDate();
                String month = monthText.computeIfAbsent(day.getYear() * 12L + day.getMonthValue() - 1,
                        k -> YearMonth.of((int) Math.floorDiv(k, 12), (int) Math.floorMod(k, 12) + 1).toString());
                transactionsByMonth.merge(month, 1L, Long::sum);
                amountByMonth.merge(month, t.amount(), BigDecimal::add);
            }
        }
    }
}
