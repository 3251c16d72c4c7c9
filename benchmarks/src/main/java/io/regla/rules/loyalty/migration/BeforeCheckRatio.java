package io.regla.rules.loyalty.migration;

import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The migration's before check, turn by turn in one JVM, thread CPU (issue 11, session 6): the two passes it used to
 * make (the profile's own read, then the bundled contracts' own CSV read with the quality domain's per-field profile),
 * against one shared read (with and without the per-field profile). Also what reading, splitting and parsing every row
 * costs alone (what the load pays for its rows besides the database). Every variant must report the same profile, or the
 * run stops. In this package because the before check's classes are package-private.
 *
 * <pre>benchmarks/run.sh before-check M T DIR [ROUNDS] [old|new]</pre>
 * {@code old}: only the variants an earlier build has (two passes, parse only), to run it on that build's jars;
 * {@code new}: only the migration's one read and the parse (for a profiler).
 */
public final class BeforeCheckRatio {

    private static final ZoneId ZONE = ZoneId.of("America/Argentina/Buenos_Aires");

    public static void main(String[] args) throws Exception {
        long members = Long.parseLong(args[0]);
        long transactions = Long.parseLong(args[1]);
        Path export = Path.of(args[2]).resolve("export");
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        String only = args.length > 4 ? args[4] : "";
        if (!Files.exists(export.resolve(LegacyFile.MEMBERS.fileName()))) {
            new ExportGenerator().generate(export, members, transactions, 42, true);
        }
        RowParser parser = new RowParser(ExportGenerator.FIRST.toInstant());
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        long rows = 0;
        for (LegacyFile f : LegacyFile.values()) {
            try (BufferedReader r = ExportFiles.open(export, f)) {
                rows += r.lines().filter(l -> !l.isEmpty()).count();
            }
        }
        Map<String, Variant> variants = new LinkedHashMap<>();
        if (!only.equals("new")) {
            variants.put("two passes (profile read + contracts' read, field profiles)",
                    () -> ExportProfile.of(export, parser, ZONE).withContractFindings(ExportContracts.check(export, at)));
        }
        if (only.isEmpty()) variants.put("one read, field profiles", () -> BeforeCheck.run(export, parser, ZONE, at, true));
        if (!only.equals("old")) {
            variants.put("one read, no field profiles (the migration's)", () -> BeforeCheck.run(export, parser, ZONE, at, false));
        }
        variants.put("read + split + parse only (the load's rows)", () -> parseOnly(export, parser));
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        variants.keySet().forEach(k -> cpu.put(k, new ArrayList<>()));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Object reference = null;
        System.out.printf("%,d rows, %d rounds, load average %.1f%n", rows, rounds, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (int round = 1; round <= rounds; round++) {
            List<String> order = new ArrayList<>(variants.keySet());
            if (round % 2 == 0) java.util.Collections.reverse(order);   // neither goes first every time
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (String name : order) {
                long c0 = mx.getCurrentThreadCpuTime();
                Object result = variants.get(name).run();
                double ms = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
                if (result instanceof ExportProfile p) {
                    if (reference == null) reference = p;
                    else if (!reference.equals(p)) throw new IllegalStateException(name + " reported another profile than the first variant");
                }
                if (round > 1) cpu.get(name).add(ms);
                line.append(String.format("  %s %.0f ms", name.substring(0, Math.min(12, name.length())), ms));
            }
            System.out.println(line + String.format("  (load %.1f)", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        }
        double base = median(cpu.values().iterator().next());
        System.out.println("rounds after the first, thread CPU: median (min), us/row, ratio to the two passes");
        for (Map.Entry<String, List<Double>> e : cpu.entrySet()) {
            double med = median(e.getValue());
            System.out.printf("  %-50s %7.0f ms (%5.0f)  %5.2f us/row  %.2f%n", e.getKey(), med,
                    e.getValue().stream().mapToDouble(Double::doubleValue).min().orElse(0), med * 1000 / rows, med / base);
        }
    }

    private static long parseOnly(Path export, RowParser parser) throws Exception {
        long accepted = 0;
        for (LegacyFile f : LegacyFile.values()) {
            try (BufferedReader r = ExportFiles.open(export, f)) {
                long line = 0;
                for (String text = r.readLine(); text != null; text = r.readLine()) {
                    if (text.isEmpty()) continue;
                    try {
                        if (parser.parse(f, ++line, text) != null) accepted++;
                    } catch (RowParser.Refused e) {
                        // counted by the other variants
                    }
                }
            }
        }
        return accepted;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.isEmpty() ? 0 : s.get(s.size() / 2);
    }

    @FunctionalInterface
    private interface Variant {
        Object run() throws Exception;
    }
}
