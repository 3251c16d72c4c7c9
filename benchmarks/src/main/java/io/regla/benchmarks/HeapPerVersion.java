package io.regla.benchmarks;

import io.regla.api.RulesEngine;
import io.regla.api.Version;
import io.regla.core.Regla;
import org.kie.api.KieBase;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Retained heap per compiled version, and the first compile in a fresh JVM. Compiles {@code N} copies of
 * bench-ref (versions 1.0.0 … 1.0.N-1 in a temporary rules directory), forces GC, and divides the growth
 * of used heap by N; the same for N raw KnowledgeBuilder KieBases. Run it through
 * {@code benchmarks/run.sh heap [N]} (serial GC, so used heap after {@code System.gc()} is exact).
 */
public final class HeapPerVersion {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapPerVersion() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path dir = Files.createTempDirectory("bench-ref-versions");
        try {
            writeVersions(dir, n);
            run(dir, n);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path dir, int n) {
        long t0 = System.nanoTime();
        try (RulesEngine first = Regla.builder().rulesDirectory(dir).build()) {
            first.registry().compile(BenchEngines.RULE_SET, Version.parse("1.0.0"));
        }
        long coldMs = (System.nanoTime() - t0) / 1_000_000;
        long t1 = System.nanoTime();
        RawDrools.compile();
        long secondRawMs = (System.nanoTime() - t1) / 1_000_000;
        System.out.printf("first Regla compile in this JVM (engine build + compile): %d ms; next raw compile: %d ms%n",
                coldMs, secondRawMs);

        // Raw KieBases, kept reachable.
        long before = usedAfterGc();
        List<KieBase> bases = new ArrayList<>();
        for (int i = 0; i < n; i++) bases.add(RawDrools.compile());
        long after = usedAfterGc();
        report("raw KnowledgeBuilder KieBase", n, before, after);
        if (bases.size() != n) throw new IllegalStateException("the KieBases must stay reachable until measured");
        bases.clear();

        // Regla versions, each compiled once and held by the engine's registry (KieBase, session pool, metadata).
        try (RulesEngine engine = Regla.builder().rulesDirectory(dir).build()) {
            long scanned = usedAfterGc();
            for (int i = 0; i < n; i++) engine.registry().compile(BenchEngines.RULE_SET, Version.parse("1.0." + i));
            long compiled = usedAfterGc();
            report("Regla compiled version (registry().compile)", n, scanned, compiled);
            // One decision per version borrows its pooled session once.
            List<Order> orders = Orders.generate(100, 3);
            for (int i = 0; i < n; i++) {
                engine.decide(BenchEngines.RULE_SET, orders, BenchEngines.UNTRACED.toBuilder().version("1.0." + i).build());
            }
            long used = usedAfterGc();
            report("Regla compiled version after one 100-order decide each", n, scanned, used);
            if (engine.registry().versions(BenchEngines.RULE_SET).size() != n) throw new IllegalStateException("versions lost");
        }
    }

    private static void report(String what, int n, long before, long after) {
        System.out.printf("%-58s N=%d  before=%,d KiB  after=%,d KiB  per version=%,.1f KiB%n",
                what, n, before / 1024, after / 1024, (after - before) / 1024.0 / n);
    }

    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static void writeVersions(Path dir, int n) throws IOException {
        byte[] drl;
        try (InputStream in = HeapPerVersion.class.getClassLoader().getResourceAsStream(RawDrools.DRL)) {
            drl = in.readAllBytes();
        }
        LocalDate from = LocalDate.of(2026, 1, 1);
        for (int i = 0; i < n; i++) {
            String version = "1.0." + i;
            Path folder = Files.createDirectories(dir.resolve(BenchEngines.RULE_SET).resolve(version));
            Files.write(folder.resolve("orders.drl"), drl);
            Files.writeString(folder.resolve("ruleset.yaml"), "id: bench-ref\nversion: " + version
                    + "\neffectiveFrom: " + from.plusDays(i) + "\ntimeZone: America/Santiago\n"
                    + "description: copy " + i + " of bench-ref for the heap measurement\n", StandardCharsets.UTF_8);
        }
    }
}
