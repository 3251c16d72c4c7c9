package io.regla.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH JSON result ({@code -rf json}) into the README's tables: every benchmark's median over its
 * measured iterations (medians, because the machine is shared and a busy neighbour spoils single
 * iterations), and the ratios the targets are stated in. Run it through {@code benchmarks/run.sh report FILE}.
 */
public final class BenchReport {

    private final Map<String, Result> results = new LinkedHashMap<>();

    private record Result(String name, int threads, double median, double mean, double error, String unit, int samples) {
    }

    private BenchReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) throw new IllegalArgumentException("usage: BenchReport <jmh-result.json>");
        BenchReport report = new BenchReport();
        report.read(Path.of(args[0]));
        report.print();
    }

    private void read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        for (JsonNode b : root) {
            String full = b.get("benchmark").asText();
            String name = full.substring("io.regla.benchmarks.".length());
            JsonNode metric = b.get("primaryMetric");
            List<Double> values = new ArrayList<>();
            for (JsonNode fork : metric.get("rawData")) fork.forEach(v -> values.add(v.asDouble()));
            Collections.sort(values);
            int n = values.size();
            double median = n == 0 ? Double.NaN : n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
            double error = metric.get("scoreError").isNumber() ? metric.get("scoreError").asDouble() : Double.NaN;
            results.put(name, new Result(name, b.get("threads").asInt(), median, metric.get("score").asDouble(), error,
                    metric.get("scoreUnit").asText(), n));
        }
    }

    private void print() {
        System.out.println("| benchmark | threads | median | mean ± error (99.9 %) | unit | × plain Java |");
        System.out.println("|---|---|---|---|---|---|");
        for (Result r : results.values()) {
            String plain = "";
            if (r.unit().equals("ops/s")) {
                Result base = r.name().startsWith("SingleFact") ? results.get("SingleFactBenchmark.plainJava")
                        : r.name().startsWith("Parallel") ? results.get("ParallelBatchBenchmark.plainJava10k")
                        : r.name().endsWith("1k") ? results.get("BatchBenchmark.plainJava1k")
                        : results.get("BatchBenchmark.plainJava10k");
                if (base != null) plain = String.format(Locale.ROOT, "1/%.0f", base.median() / r.median());
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %s ± %s | %s | %s |%n", r.name(), r.threads(),
                    num(r.median()), num(r.mean()), num(r.error()), r.unit(), plain);
        }
        System.out.println();
        System.out.println("| ratio | measured | target | met |");
        System.out.println("|---|---|---|---|");
        ratio("Regla single decide, tracing off / raw Drools stateless pooled",
                "SingleFactBenchmark.reglaDecideUntraced", "SingleFactBenchmark.rawDroolsStatelessPooled", 0.85);
        ratio("Regla single decide, tracing off / raw Drools stateful pooled",
                "SingleFactBenchmark.reglaDecideUntraced", "SingleFactBenchmark.rawDroolsStatefulPooled", 0.85);
        ratio("Regla single decide, tracing on / raw Drools stateless pooled",
                "SingleFactBenchmark.reglaDecideTraced", "SingleFactBenchmark.rawDroolsStatelessPooled", 0.6);
        ratio("Regla batch 10,000 / raw Drools stateful batch 10,000",
                "BatchBenchmark.reglaUntraced10k", "BatchBenchmark.rawDroolsStateful10k", 0.85);
        ratio("Regla batch 10,000 / raw Drools stateless batch 10,000",
                "BatchBenchmark.reglaUntraced10k", "BatchBenchmark.rawDroolsStateless10k", 0.85);
        ratio("Regla batch 1,000 / raw Drools stateful batch 1,000",
                "BatchBenchmark.reglaUntraced1k", "BatchBenchmark.rawDroolsStateful1k", 0.85);
        ratio("Regla batch 10,000 traced / untraced",
                "BatchBenchmark.reglaTraced10k", "BatchBenchmark.reglaUntraced10k", Double.NaN);
        ratio("Regla batch 10,000 on 2 threads / 1 thread",
                "ParallelBatchBenchmark.reglaUntraced10k", "BatchBenchmark.reglaUntraced10k", 1.7);
        ratio("raw Drools batch 10,000 on 2 threads / 1 thread",
                "ParallelBatchBenchmark.rawDroolsStateful10k", "BatchBenchmark.rawDroolsStateful10k", 1.7);
        ratio("plain Java batch 10,000 on 2 threads / 1 thread",
                "ParallelBatchBenchmark.plainJava10k", "BatchBenchmark.plainJava10k", Double.NaN);
    }

    private void ratio(String label, String numerator, String denominator, double target) {
        Result n = results.get(numerator);
        Result d = results.get(denominator);
        if (n == null || d == null) {
            System.out.printf("| %s | (not run) | | |%n", label);
            return;
        }
        double r = n.median() / d.median();
        System.out.printf(Locale.ROOT, "| %s | %.2f× | %s | %s |%n", label, r,
                Double.isNaN(target) ? "" : String.format(Locale.ROOT, "≥ %.2f×", target),
                Double.isNaN(target) ? "" : r >= target ? "yes" : "**no**");
    }

    private static String num(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (Math.abs(v) >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
