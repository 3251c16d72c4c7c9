package io.regla.benchmarks.quality;

import io.regla.rules.quality.QualityCheck;
import io.regla.rules.quality.contract.Contract;
import io.regla.rules.quality.contract.Contracts;
import io.regla.rules.quality.source.RowReader;
import io.regla.rules.quality.source.Sources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Live heap while checking N records, for several N: every 250,000 records a full GC, then the heap in use (the
 * GCs this forces run on the VM thread, outside the checking thread's CPU time that "records/CPU-second" divides by:
 * that figure is the one-core throughput even on a busy machine). The
 * records themselves never stay (flat); what grows is the key index (DUPLICATE_KEY needs every key seen: 16-byte
 * fingerprints, about 21-43 bytes per key with the table's slack), shown by checking the same file with and without
 * a key, and with the bundled {@code quality} rules fed in batches of 1,000 ("+rules": key and rules).
 *
 * <pre>benchmarks/run.sh quality-memory 100000 1000000 4000000</pre>
 */
public final class QualityMemory {

    public static void main(String[] args) throws IOException {
        long[] sizes = args.length == 0 ? new long[]{100_000, 1_000_000, 4_000_000} : Stream.of(args).mapToLong(Long::parseLong).toArray();
        System.out.printf("%12s %8s %14s %14s %18s %12s%n", "records", "key", "peak live MiB", "records/s", "records/CPU-second",
                "bytes/record");
        // the bundled quality rule set: SALE_AMOUNT_MISMATCH is evaluated on every record (and never fires)
        io.regla.api.RulesEngine engine = io.regla.core.Regla.builder().bundledRules().build();
        engine.decide("quality", List.of(), io.regla.api.DecideOptions.defaults());
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (long n : sizes) {
            Path dir = QualityData.write(Files.createTempDirectory("quality-mem"), n, 0);
            try {
                for (int variant = 0; variant < 3; variant++) {
                    boolean key = variant > 0, rules = variant == 2;
                    if (!key) Files.writeString(dir.resolve("sales.contract.yaml"), QualityData.CONTRACT.replace("key: [saleId]\n", ""));
                    else Files.writeString(dir.resolve("sales.contract.yaml"), QualityData.CONTRACT);
                    gc();
                    long base = used();
                    long[] peak = {0};
                    Sources sampled = sampling(Sources.asContracted(dir), peak);
                    long t0 = System.nanoTime(), cpu0 = threads.getCurrentThreadCpuTime();
                    QualityCheck.Builder b = QualityCheck.builder(Contracts.load(dir)).sources(sampled);
                    if (rules) b.rules(engine, List.of("quality"));
                    long records = b.build().run().datasets().get(0).records();
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
                    long grown = Math.max(0, peak[0] - base);
                    System.out.printf("%,12d %8s %14.1f %,14.0f %,18.0f %12.1f%n", records, rules ? "+rules" : key ? "saleId" : "none",
                            grown / 1048576.0, records / seconds, records / cpuSeconds, (double) grown / records);
                }
            } finally {
                try (Stream<Path> s = Files.walk(dir)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
                }
            }
        }
    }

    private static Sources sampling(Sources inner, long[] peak) {
        return new Sources() {
            @Override
            public RowReader open(Contract c, List<String> fields) {
                RowReader r = inner.open(c, fields);
                return new RowReader() {
                    long n;

                    @Override
                    public String[] next() {
                        if (++n % 250_000 == 0) {
                            gc();
                            peak[0] = Math.max(peak[0], used());
                        }
                        return r.next();
                    }

                    @Override
                    public String name() {
                        return r.name();
                    }

                    @Override
                    public void close() {
                        gc();
                        peak[0] = Math.max(peak[0], used());
                        r.close();
                    }
                };
            }

            @Override
            public String describe() {
                return inner.describe();
            }
        };
    }

    private static void gc() {
        System.gc();
        System.gc();
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
