package io.regla.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A cross-check of JMH's ratios for a shared machine. JMH measures one contender after another, so a
 * neighbour's build that starts halfway through skews their ratios; here the contenders take turns in
 * short slices, many rounds over, and each ratio is the median of per-round ratios, so every contender
 * sees the same load. Coarser than JMH (no forks, no blackholes), which is why it only states ratios.
 * Run it through {@code benchmarks/run.sh interleaved [rounds]}.
 */
public final class InterleavedRatios {

    private InterleavedRatios() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        BenchEngines e = new BenchEngines();
        e.setUp();
        try {
            RawDrools.StatelessDecider stateless = e.raw.statelessDecider();
            Map<String, Slice> single = new LinkedHashMap<>();
            single.put("raw stateless pooled", new Slice(20_000, i -> stateless.decide(List.of(e.singles.get(i & 1023))).size()));
            single.put("Regla untraced", new Slice(20_000, i -> e.regla.decide(BenchEngines.RULE_SET,
                    List.of(e.singles.get(i & 1023)), BenchEngines.UNTRACED).actions().size()));
            single.put("Regla traced", new Slice(20_000, i -> e.regla.decide(BenchEngines.RULE_SET,
                    List.of(e.singles.get(i & 1023)), BenchEngines.TRACED).actions().size()));
            Map<String, List<Double>> s = run(single, rounds, 1);
            Map<String, Slice> batch = new LinkedHashMap<>();
            batch.put("raw stateful 10k", new Slice(20, i -> e.raw.decideStateful(e.batch10k).size()));
            batch.put("raw stateless 10k", new Slice(20, i -> stateless.decide(e.batch10k).size()));
            batch.put("Regla untraced 10k", new Slice(20, i -> e.regla.decide(BenchEngines.RULE_SET, e.batch10k,
                    BenchEngines.UNTRACED).actions().size()));
            Map<String, List<Double>> b = run(batch, rounds, 10_000);

            System.out.println("| ratio (median of per-round ratios) | value |");
            System.out.println("|---|---|");
            print("Regla single untraced / raw stateless pooled", s.get("Regla untraced"), s.get("raw stateless pooled"));
            print("Regla single traced / raw stateless pooled", s.get("Regla traced"), s.get("raw stateless pooled"));
            print("Regla batch 10k / raw stateful batch 10k", b.get("Regla untraced 10k"), b.get("raw stateful 10k"));
            print("Regla batch 10k / raw stateless batch 10k", b.get("Regla untraced 10k"), b.get("raw stateless 10k"));
        } finally {
            e.tearDown();
        }
    }

    /** {@code calls} calls of {@code work} (each on its index) make one slice. */
    private record Slice(int calls, IntFunction<Integer> work) {
    }

    /** Facts per second of each contender, per round; the first third of the rounds warms up. */
    private static Map<String, List<Double>> run(Map<String, Slice> contenders, int rounds, int factsPerCall) {
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Slice> c : contenders.entrySet()) {
                Slice slice = c.getValue();
                long t = System.nanoTime();
                for (int i = 0; i < slice.calls(); i++) sink += slice.work().apply(i);
                double rate = (double) slice.calls() * factsPerCall / ((System.nanoTime() - t) / 1e9);
                if (r >= rounds / 3) rates.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(rate);
            }
        }
        rates.forEach((name, list) -> System.out.printf(Locale.ROOT, "%-22s median %,12.0f facts/s%n", name, median(list)));
        if (sink == Long.MIN_VALUE) System.out.println(sink); // keeps the work observable
        return rates;
    }

    private static void print(String label, List<Double> numerator, List<Double> denominator) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < numerator.size(); i++) ratios.add(numerator.get(i) / denominator.get(i));
        System.out.printf(Locale.ROOT, "| %s | %.2f× |%n", label, median(ratios));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
