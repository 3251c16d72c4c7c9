package io.regla.rules.loyalty.migration;

import io.regla.rules.quality.contract.ContractException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The before check read once ({@link BeforeCheck}: the contracts' reader feeding the profile, no per-field profile in
 * the quality check) reports exactly what the two separate passes reported (the profile's own read and the bundled
 * contracts' own CSV reader): the same control totals, the same single-record findings, the same contract findings,
 * for generated exports with every fault and with lines damaged in the ways the two CSV readers could differ (empty and
 * blank lines, quoted fields, missing and extra fields, a quote inside a field, padded values). The profile is also held
 * against session 5's pass, copied here as the oracle, since both of today's paths share its tally.
 */
class BeforeCheckProperties {

    private static final ZoneId ZONE = ZoneId.of("America/Argentina/Buenos_Aires");
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    /** What is done to one line: a kind and where (a fraction of the file, and of the line's fields). */
    record Damage(int kind, double where, double field) {
    }

    @Property(tries = 40)
    void oneReadReportsWhatTheTwoPassesReported(@ForAll @IntRange(min = 20, max = 70) int members,
                                                @ForAll @IntRange(min = 0, max = 1_000_000) int seed,
                                                @ForAll("damages") List<Damage> damages) throws IOException {
        Path dir = Files.createTempDirectory("regla-before-check");
        try {
            new ExportGenerator().generate(dir, members, members * 8L, seed, true);
            damage(dir, damages);
            RowParser parser = new RowParser(ExportGenerator.FIRST.toInstant());
            ExportProfile twoPasses;
            try {
                twoPasses = ExportProfile.of(dir, parser, ZONE).withContractFindings(ExportContracts.check(dir, AT));
            } catch (ContractException e) {
                // a line the quality domain's CSV reader cannot split stops both, with the same error
                assertThatThrownBy(() -> BeforeCheck.run(dir, parser, ZONE, AT)).isInstanceOf(ContractException.class);
                return;
            }
            ExportProfile oneRead = BeforeCheck.run(dir, parser, ZONE, AT);
            assertThat(oneRead).isEqualTo(twoPasses);
            assertThat(oneRead).isEqualTo(sessionFiveProfile(dir, parser).withContractFindings(oneRead.contractFindings()));
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Bytes that are not UTF-8 make the export unreadable (exit 2), in one read as in the two passes. */
    @Example
    void bytesThatAreNotUtf8MakeTheExportUnreadable() throws IOException {
        Path dir = Files.createTempDirectory("regla-before-check");
        try {
            new ExportGenerator().generate(dir, 30, 200, 5, true);
            Path tx = dir.resolve(LegacyFile.TRANSACTIONS.fileName());
            byte[] bytes = Files.readAllBytes(tx);
            bytes[bytes.length / 2] = (byte) 0xC3;   // a lead byte followed by ASCII: malformed
            bytes[bytes.length / 2 + 1] = (byte) 'x';
            Files.write(tx, bytes);
            RowParser parser = new RowParser(ExportGenerator.FIRST.toInstant());
            assertThatThrownBy(() -> ExportProfile.of(dir, parser, ZONE)).isInstanceOf(UnreadableExportException.class);
            assertThatThrownBy(() -> BeforeCheck.run(dir, parser, ZONE, AT)).isInstanceOf(UnreadableExportException.class)
                    .hasMessageContaining("transactions.csv");
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The profile pass as session 5 wrote it (its own read, every amount parsed from its text, sorted maps): the oracle. */
    private static ExportProfile sessionFiveProfile(Path dir, RowParser parser) throws IOException {
        Map<LegacyFile, ExportProfile.FileTotals> files = new EnumMap<>(LegacyFile.class);
        Map<String, Long> findings = new TreeMap<>(), byTier = new TreeMap<>(), byStatus = new TreeMap<>(), byCategory = new TreeMap<>(),
                byMonth = new TreeMap<>();
        Map<String, BigDecimal> amountByCategory = new TreeMap<>(), amountByMonth = new TreeMap<>();
        long balances = 0;
        for (LegacyFile file : LegacyFile.values()) {
            long rows = 0;
            BigDecimal sum = BigDecimal.ZERO;
            try (BufferedReader r = ExportFiles.open(dir, file)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.isEmpty()) continue;
                    rows++;
                    String[] fields = Csv.parse(line);
                    BigDecimal amount = ExportProfile.amountOf(file, fields);
                    if (amount != null) sum = sum.add(amount);
                    Object row;
                    try {
                        row = parser.parse(file, rows, fields);
                    } catch (RowParser.Refused e) {
                        findings.merge(file.key() + ":" + e.check, 1L, Long::sum);
                        continue;
                    }
                    if (row instanceof LegacyRows.Member m) {
                        byTier.merge(m.tier(), 1L, Long::sum);
                        byStatus.merge(m.status(), 1L, Long::sum);
                        balances += m.pointsBalance();
                    } else if (row instanceof LegacyRows.Transaction t) {
                        String cat = t.category() == null || t.category().isEmpty() ? "(none)" : t.category();
                        byCategory.merge(cat, 1L, Long::sum);
                        amountByCategory.merge(cat, t.amount(), BigDecimal::add);
                        String month = YearMonth.from(t.postedAt().atZoneSameInstant(ZONE)).toString();
                        byMonth.merge(month, 1L, Long::sum);
                        amountByMonth.merge(month, t.amount(), BigDecimal::add);
                    }
                }
            }
            files.put(file, new ExportProfile.FileTotals(rows, sum));
        }
        return new ExportProfile(files, findings, Map.of(), byTier, byStatus, byCategory, amountByCategory, byMonth, amountByMonth, balances);
    }

    @Provide
    Arbitrary<List<Damage>> damages() {
        Arbitrary<Damage> one = Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1)).as(Damage::new);
        return one.list().ofMaxSize(12);
    }

    private static void damage(Path dir, List<Damage> damages) throws IOException {
        LegacyFile[] files = LegacyFile.values();
        for (int d = 0; d < damages.size(); d++) {
            Damage x = damages.get(d);
            Path p = dir.resolve(files[d % files.length].fileName());
            List<String> lines = new ArrayList<>(Files.readAllLines(p, StandardCharsets.UTF_8));
            if (lines.size() < 2) continue;
            int at = Math.min(lines.size() - 1, 1 + (int) (x.where() * (lines.size() - 1)));
            String[] f = lines.get(at).split(",", -1);
            int i = Math.min(f.length - 1, (int) (x.field() * f.length));
            switch (x.kind()) {
                case 0 -> lines.add(at, "");
                case 1 -> lines.add(at, "   ");
                case 2 -> f[i] = "\"" + f[i] + "\"";                         // quoted: the same value for both readers
                case 3 -> f[i] = "\"" + f[i] + ",x\"";                       // a quoted comma
                case 4 -> f = java.util.Arrays.copyOf(f, f.length - 1);       // a field missing
                case 5 -> f = Stream.concat(Stream.of(f), Stream.of("extra")).toArray(String[]::new);
                case 6 -> f[i] = f[i].isEmpty() ? "a\"b" : f[i].charAt(0) + "\"" + f[i].substring(1); // a quote inside a field
                case 7 -> f[i] = " " + f[i] + " ";
                case 8 -> f[i] = "";
                default -> lines.add(lines.size(), "");                     // an empty last line
            }
            if (x.kind() >= 2 && x.kind() <= 8) lines.set(at, String.join(",", f));
            Files.write(p, lines, StandardCharsets.UTF_8);
        }
    }
}
