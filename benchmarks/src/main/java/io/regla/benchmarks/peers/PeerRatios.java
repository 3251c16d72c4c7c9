package io.regla.benchmarks.peers;

import io.regla.api.Action;
import io.regla.benchmarks.AncEngine;
import io.regla.benchmarks.BenchEngines;
import io.regla.benchmarks.PlainJavaDecider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Regla against Easy Rules and Evrete (and the alpha network compiler against the interpreted network),
 * measured turn by turn like {@code InterleavedRatios} but with only these contenders and short slices,
 * so it finishes in minutes even on a busy machine. Each ratio is the median of the per-round ratios;
 * the first third of the rounds warms up. {@code benchmarks/run.sh peers [ROUNDS]}.
 */
public final class PeerRatios {

    private PeerRatios() {
    }

    private record Slice(int calls, IntSupplier work, int factsPerCall) {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        BenchEngines e = new BenchEngines();
        e.setUp();
        PeerEngines p = new PeerEngines();
        p.setUp(e);
        AncEngine anc = new AncEngine();
        anc.setUp(e);
        try {
            int[] next = {0};
            Map<String, Slice> c = new LinkedHashMap<>();
            c.put("plain Java 1", new Slice(20_000, () -> {
                List<Action> out = new ArrayList<>(2);
                PlainJavaDecider.decide(e.singles.get(next[0]++ & 1023), out);
                return out.size();
            }, 1));
            c.put("Regla 1", new Slice(2_000, () -> e.regla.decide(BenchEngines.RULE_SET, List.of(e.singles.get(next[0]++ & 1023)),
                    BenchEngines.UNTRACED).actions().size(), 1));
            c.put("Easy Rules 1", new Slice(2_000, () -> {
                List<Action> out = new ArrayList<>(2);
                p.easyRules.decide(e.singles.get(next[0]++ & 1023), out);
                return out.size();
            }, 1));
            c.put("Evrete 1", new Slice(200, () -> p.evrete.decide(List.of(e.singles.get(next[0]++ & 1023))).size(), 1));
            c.put("Regla 1k", new Slice(10, () -> e.regla.decide(BenchEngines.RULE_SET, e.batch1k, BenchEngines.UNTRACED).actions().size(), 1_000));
            c.put("Easy Rules 1k", new Slice(10, () -> p.easyRules.decide(e.batch1k).size(), 1_000));
            c.put("Evrete 1k", new Slice(5, () -> p.evrete.decide(e.batch1k).size(), 1_000));
            c.put("Regla 10k", new Slice(2, () -> e.regla.decide(BenchEngines.RULE_SET, e.batch10k, BenchEngines.UNTRACED).actions().size(), 10_000));
            c.put("Regla ANC 10k", new Slice(2, () -> anc.regla.decide(BenchEngines.RULE_SET, e.batch10k, BenchEngines.UNTRACED).actions().size(), 10_000));
            c.put("raw Drools 10k", new Slice(2, () -> e.raw.decideStateful(e.batch10k).size(), 10_000));
            c.put("Easy Rules 10k", new Slice(2, () -> p.easyRules.decide(e.batch10k).size(), 10_000));
            c.put("Evrete 10k", new Slice(1, () -> p.evrete.decide(e.batch10k).size(), 10_000));

            Map<String, List<Double>> rates = new LinkedHashMap<>();
            long sink = 0;
            for (int r = 0; r < rounds; r++) {
                for (Map.Entry<String, Slice> s : c.entrySet()) {
                    long t = System.nanoTime();
                    for (int i = 0; i < s.getValue().calls(); i++) sink += s.getValue().work().getAsInt();
                    double rate = (double) s.getValue().calls() * s.getValue().factsPerCall() / ((System.nanoTime() - t) / 1e9);
                    if (r >= rounds / 3) rates.computeIfAbsent(s.getKey(), k -> new ArrayList<>()).add(rate);
                }
                System.out.printf(Locale.ROOT, "round %d done (load %.1f)%n", r + 1,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
            rates.forEach((name, list) -> System.out.printf(Locale.ROOT, "%-16s median %,14.0f orders/s%n", name, median(list)));
            System.out.println("| ratio (median of per-round ratios) | value |");
            System.out.println("|---|---|");
            for (String n : List.of("1", "1k", "10k")) {
                print("Regla / Easy Rules, " + n, rates.get("Regla " + n), rates.get("Easy Rules " + n));
                print("Regla / Evrete, " + n, rates.get("Regla " + n), rates.get("Evrete " + n));
            }
            print("Regla / raw Drools, 10k", rates.get("Regla 10k"), rates.get("raw Drools 10k"));
            print("plain Java / Regla, 1", rates.get("plain Java 1"), rates.get("Regla 1"));
            print("Regla with the alpha network compiler / without, 10k", rates.get("Regla ANC 10k"), rates.get("Regla 10k"));
            if (sink == Long.MIN_VALUE) System.out.println(sink);
        } finally {
            anc.tearDown();
            p.tearDown();
            e.tearDown();
        }
    }

    private static void print(String label, List<Double> numerator, List<Double> denominator) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < numerator.size(); i++) ratios.add(numerator.get(i) / denominator.get(i));
        double m = median(ratios);
        System.out.printf(Locale.ROOT, m >= 10 ? "| %s | %.0f× |%n" : "| %s | %.2f× |%n", label, m);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
