package io.regla.benchmarks.coldstart;

import io.regla.core.compile.PrecompiledPackages;
import io.regla.core.registry.RuleSetFolder;
import io.regla.core.registry.RuleSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JVM start to the first decision: launches {@link FirstDecision} in a fresh JVM {@code N} times per variant and
 * reports the median wall time from process launch to its {@code FIRST-DECISION} line. The variants take turns
 * (A, B, C, A, B, C, ...), so a neighbour's load falls on all of them alike; each ratio is the median of the
 * per-round ratios to the first variant.
 *
 * <pre>benchmarks/run.sh coldstart [N] [--one RULE-SET] [--eager] [--cds ARCHIVE] [--variants a,b,...]</pre>
 * Readings: one decision with each bundled version (default), or with {@code --one} one decision of one rule
 * set (all bundled versions available); {@code --eager}: the engine loads every version at build (on every core).
 * Variants: {@code drl} (compile every version used from its DRL, the
 * engine before build-time compilation), {@code precompiled} (load the build-time artifacts, but read, hash
 * and parse every version folder at start: {@code -Dregla.startupIndex=false}), {@code index} (the build-time
 * start-up index: folders read at a version's first load), {@code index+flags} (plus the launcher's JVM flags
 * {@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}), and with {@code --cds ARCHIVE} {@code index+flags+AppCDS}
 * (plus {@code -XX:SharedArchiveFile=ARCHIVE}; see run.sh).
 */
public final class ColdStart {

    private ColdStart() {
    }

    record Variant(String name, List<String> jvmOptions, List<String> args) {
    }

    static final List<String> LAUNCHER_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    public static void main(String[] args) throws Exception {
        int n = 10;
        String cds = null;
        String one = null;
        List<String> only = null;
        boolean eager = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cds" -> cds = args[++i];
                case "--one" -> one = args[++i];
                case "--variants" -> only = List.of(args[++i].split(","));
                case "--eager" -> eager = true;
                default -> n = Integer.parseInt(args[i]);
            }
        }
        String classpath = System.getProperty("java.class.path");
        int current = checkArtifacts();
        System.out.printf("%d bundled rule set versions, all with a current build-time artifact; reading: %s%n", current,
                (one == null ? "one decision with each bundled version" : "one decision of " + one + " (all versions available)")
                        + (eager ? ", engine built with compileEagerly(true)" : ""));

        List<String> reading = new ArrayList<>(one == null ? List.of() : List.of("--one", one));
        if (eager) reading.add("--eager");
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("drl", List.of(), concat(reading, List.of("--from-drl"))));
        variants.add(new Variant("precompiled", List.of("-Dregla.startupIndex=false"), reading));
        variants.add(new Variant("index", List.of(), reading));
        variants.add(new Variant("index+flags", LAUNCHER_FLAGS, reading));
        if (cds != null) {
            variants.add(new Variant("index+flags+AppCDS", concat(LAUNCHER_FLAGS, List.of("-XX:SharedArchiveFile=" + cds, "-Xshare:on")), reading));
        }
        if (only != null) {
            List<String> keep = only;
            variants.removeIf(v -> !keep.contains(v.name()));
        }

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, List<long[]>> phases = new LinkedHashMap<>();
        for (Variant v : variants) launch(java, classpath, v, new ArrayList<>()); // one unmeasured launch each: file cache
        for (int round = 0; round < n; round++) {
            for (Variant v : variants) {
                List<long[]> phase = phases.computeIfAbsent(v.name(), k -> new ArrayList<>());
                double ms = launch(java, classpath, v, phase);
                times.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(ms);
            }
            System.out.printf(Locale.ROOT, "round %2d: %s   (load %.1f)%n", round + 1,
                    String.join("  ", times.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.0f ms",
                            e.getKey(), e.getValue().get(e.getValue().size() - 1))).toList()), load());
        }
        String baseName = variants.get(0).name();
        System.out.println();
        System.out.println("| variant | median | min | max | median of per-round ratios to " + baseName + " |");
        System.out.println("|---|---|---|---|---|");
        List<Double> base = times.get(baseName);
        for (Map.Entry<String, List<Double>> e : times.entrySet()) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < base.size(); i++) ratios.add(e.getValue().get(i) / base.get(i));
            System.out.printf(Locale.ROOT, "| %s | %.0f ms | %.0f ms | %.0f ms | %.2f× |%n", e.getKey(), median(e.getValue()),
                    Collections.min(e.getValue()), Collections.max(e.getValue()), median(ratios));
        }
        System.out.println();
        System.out.println("| variant | JVM start to main | engine built (registry: index, or scan + manifests + checksums) | first decisions (load or compile, and decide) |");
        System.out.println("|---|---|---|---|");
        for (Map.Entry<String, List<long[]>> e : phases.entrySet()) {
            System.out.printf(Locale.ROOT, "| %s | %.0f ms | %.0f ms | %.0f ms |%n", e.getKey(), medianOf(e.getValue(), 0),
                    medianOf(e.getValue(), 1), medianOf(e.getValue(), 2));
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Refuses to measure the precompiled variant on artifacts that would not be used. */
    private static int checkArtifacts() {
        ClassLoader loader = ColdStart.class.getClassLoader();
        int count = 0;
        List<String> missing = new ArrayList<>();
        for (RuleSource source : RuleSource.classpath(loader)) {
            for (Path dir : source.versionFolders()) {
                String location = source.label() + "/" + dir.getParent().getFileName() + "/" + dir.getFileName();
                PrecompiledPackages.Lookup lookup = PrecompiledPackages.load(RuleSetFolder.read(dir, location), loader);
                if (lookup.hit()) count++;
                else missing.add(location + ": " + lookup.reason());
            }
        }
        if (!missing.isEmpty() || count == 0) {
            throw new IllegalStateException("build-time artifacts missing or stale (run the build):\n  " + String.join("\n  ", missing));
        }
        return count;
    }

    /** Milliseconds from launching the JVM to its FIRST-DECISION line. */
    private static double launch(String java, String classpath, Variant v, List<long[]> phases) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(v.jvmOptions());
        command.add("-cp");
        command.add(classpath);
        command.add(FirstDecision.class.getName());
        command.addAll(v.args());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        long start = System.nanoTime();
        Process p = pb.start();
        long at = -1;
        StringBuilder output = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (at < 0 && line.startsWith(FirstDecision.MARK)) {
                    at = System.nanoTime();
                } else if (line.startsWith(FirstDecision.PHASES + " ")) {
                    String[] f = line.split(" ");
                    phases.add(new long[]{Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])});
                } else {
                    output.append(line).append('\n');
                }
            }
        }
        int exit = p.waitFor();
        if (at < 0 || exit != 0) throw new IllegalStateException(v.name() + " run failed (exit " + exit + "):\n" + output);
        return (at - start) / 1e6;
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double medianOf(List<long[]> rows, int column) {
        return median(rows.stream().map(r -> (double) r[column]).toList());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
