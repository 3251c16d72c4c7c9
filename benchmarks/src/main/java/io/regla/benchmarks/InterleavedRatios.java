package io.regla.benchmarks;

import io.regla.api.Action;
import io.regla.api.DecideOptions;
import io.regla.benchmarks.peers.PeerEngines;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

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
        PeerEngines peers = new PeerEngines();
        peers.setUp(e);
        AncEngine anc = new AncEngine();
        anc.setUp(e);
        try {
            RawDrools.StatelessDecider stateless = e.raw.statelessDecider();
            Map<String, Slice> single = new LinkedHashMap<>();
            single.put("plain Java", new Slice(20_000, i -> {
                List<Action> out = new ArrayList<>(2);
                PlainJavaDecider.decide(e.singles.get(i & 1023), out);
                return out.size();
            }, 1));
            single.put("raw stateful pooled", new Slice(20_000, i -> e.raw.decideStateful(List.of(e.singles.get(i & 1023))).size(), 1));
            single.put("raw stateless pooled", new Slice(20_000, i -> stateless.decide(List.of(e.singles.get(i & 1023))).size(), 1));
            single.put("Regla untraced", new Slice(20_000, i -> regla(e, List.of(e.singles.get(i & 1023)), BenchEngines.UNTRACED), 1));
            single.put("Regla traced", new Slice(20_000, i -> regla(e, List.of(e.singles.get(i & 1023)), BenchEngines.TRACED), 1));
            single.put("Easy Rules", new Slice(20_000, i -> {
                List<Action> out = new ArrayList<>(2);
                peers.easyRules.decide(e.singles.get(i & 1023), out);
                return out.size();
            }, 1));
            // Evrete decides single orders ~100× slower than the others: fewer calls per slice, same rate units
            single.put("Evrete", new Slice(2_000, i -> peers.evrete.decide(List.of(e.singles.get(i & 1023))).size(), 1));
            Map<String, List<Double>> s = run(single, rounds);

            Map<String, Slice> batch = new LinkedHashMap<>();
            batch.put("plain Java 10k", new Slice(20, i -> {
                List<Action> out = new ArrayList<>(20_000);
                PlainJavaDecider.decideAll(e.batch10k, out);
                return out.size();
            }, 10_000));
            batch.put("raw stateful 10k", new Slice(20, i -> e.raw.decideStateful(e.batch10k).size(), 10_000));
            batch.put("raw stateless 10k", new Slice(20, i -> stateless.decide(e.batch10k).size(), 10_000));
            batch.put("Regla untraced 10k", new Slice(20, i -> regla(e, e.batch10k, BenchEngines.UNTRACED), 10_000));
            batch.put("Regla untraced 1k", new Slice(200, i -> regla(e, e.batch1k, BenchEngines.UNTRACED), 1_000));
            batch.put("Regla ANC 10k", new Slice(20, i -> anc.regla.decide(BenchEngines.RULE_SET, e.batch10k, BenchEngines.UNTRACED).actions().size(), 10_000));
            batch.put("Easy Rules 10k", new Slice(10, i -> peers.easyRules.decide(e.batch10k).size(), 10_000));
            batch.put("Evrete 10k", new Slice(5, i -> peers.evrete.decide(e.batch10k).size(), 10_000));
            batch.put("Easy Rules 1k", new Slice(100, i -> peers.easyRules.decide(e.batch1k).size(), 1_000));
            batch.put("Evrete 1k", new Slice(50, i -> peers.evrete.decide(e.batch1k).size(), 1_000));
            batch.put("raw stateful 10k x2", new Slice(10, i -> onTwoThreads(() -> e.raw.decideStateful(e.batch10k).size()), 20_000));
            batch.put("Regla untraced 10k x2", new Slice(10, i -> onTwoThreads(() -> regla(e, e.batch10k, BenchEngines.UNTRACED)), 20_000));
            batch.put("Regla untraced 1k x2", new Slice(100, i -> onTwoThreads(() -> regla(e, e.batch1k, BenchEngines.UNTRACED)), 2_000));
            Map<String, List<Double>> b = run(batch, rounds);

            System.out.println("| ratio (median of per-round ratios) | value |");
            System.out.println("|---|---|");
            print("Regla single untraced / raw stateless pooled", s.get("Regla untraced"), s.get("raw stateless pooled"));
            print("Regla single untraced / raw stateful pooled", s.get("Regla untraced"), s.get("raw stateful pooled"));
            print("Regla single traced / raw stateless pooled", s.get("Regla traced"), s.get("raw stateless pooled"));
            print("plain Java / Regla single untraced", s.get("plain Java"), s.get("Regla untraced"));
            print("plain Java / raw stateless pooled single", s.get("plain Java"), s.get("raw stateless pooled"));
            print("Regla batch 10k / raw stateful batch 10k", b.get("Regla untraced 10k"), b.get("raw stateful 10k"));
            print("Regla batch 10k / raw stateless batch 10k", b.get("Regla untraced 10k"), b.get("raw stateless 10k"));
            print("plain Java 10k / Regla batch 10k", b.get("plain Java 10k"), b.get("Regla untraced 10k"));
            print("Regla batch 10k, 2 threads / 1 thread", b.get("Regla untraced 10k x2"), b.get("Regla untraced 10k"));
            print("Regla batch in 1k chunks, 2 threads / 1 thread", b.get("Regla untraced 1k x2"), b.get("Regla untraced 1k"));
            print("Regla 10k orders: 1k chunks on 2 threads / one 10k session", b.get("Regla untraced 1k x2"), b.get("Regla untraced 10k"));
            print("raw stateful batch 10k, 2 threads / 1 thread", b.get("raw stateful 10k x2"), b.get("raw stateful 10k"));
            print("Regla single untraced / Easy Rules single", s.get("Regla untraced"), s.get("Easy Rules"));
            print("Regla single untraced / Evrete single", s.get("Regla untraced"), s.get("Evrete"));
            print("Regla batch 1k / Easy Rules batch 1k", b.get("Regla untraced 1k"), b.get("Easy Rules 1k"));
            print("Regla batch 1k / Evrete batch 1k", b.get("Regla untraced 1k"), b.get("Evrete 1k"));
            print("Regla batch 10k / Easy Rules batch 10k", b.get("Regla untraced 10k"), b.get("Easy Rules 10k"));
            print("Regla batch 10k / Evrete batch 10k", b.get("Regla untraced 10k"), b.get("Evrete 10k"));
            print("Regla batch 10k with the alpha network compiler / without", b.get("Regla ANC 10k"), b.get("Regla untraced 10k"));
        } finally {
            anc.tearDown();
            peers.tearDown();
            e.tearDown();
        }
    }

    private static int regla(BenchEngines e, List<Order> orders, DecideOptions options) {
        return e.regla.decide(BenchEngines.RULE_SET, orders, options).actions().size();
    }

    /**
     * Runs {@code call} on this thread and on a second one at the same time; returns the work of both, so
     * a slice of these counts two batches per call.
     */
    private static int onTwoThreads(IntSupplier call) {
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(
                call::getAsInt, SECOND_THREAD);
        int mine = call.getAsInt();
        return mine + other.join();
    }

    private static final ExecutorService SECOND_THREAD =
            Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "interleaved-second");
                t.setDaemon(true);
                return t;
            });

    /** {@code calls} calls of {@code work} (each on its index, deciding {@code factsPerCall} orders) make one slice. */
    private record Slice(int calls, IntFunction<Integer> work, int factsPerCall) {
    }

    /** Facts per second of each contender, per round; the first third of the rounds warms up. */
    private static Map<String, List<Double>> run(Map<String, Slice> contenders, int rounds) {
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Slice> c : contenders.entrySet()) {
                Slice slice = c.getValue();
                long t = System.nanoTime();
                for (int i = 0; i < slice.calls(); i++) sink += slice.work().apply(i);
                double rate = (double) slice.calls() * slice.factsPerCall() / ((System.nanoTime() - t) / 1e9);
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
