package io.regla.benchmarks.service;

import io.regla.adapters.store.jdbc.JdbcServiceDashboard;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.rules.service.ChartQuery;
import io.regla.rules.service.Granularity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code benchmarks/run.sh service-ratios [N] [ROUNDS]}: every chart and the alerts of the service dashboard over the
 * benchmark's store of N conversations (default 1,000,000; loaded once, see {@link ServiceBenchData}), for
 * {@code 30d-WEEK} and {@code 2y-MONTH}, turn by turn with a fixed baseline (a sum over the whole per-day aggregate),
 * so that a busy neighbour inflates both alike. Prints each one's median ms and its ratio to the baseline's median.
 * Two warm-up rounds are not counted.
 */
public final class ServiceChartRatios {

    private ServiceChartRatios() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        List<String> charts = List.of("1", "2", "3", "4", "5", "6", "7", "8", "alerts-SUPERVISOR", "alerts-SYSTEM_ADMIN");
        Map<String, ChartQuery> windows = new LinkedHashMap<>();
        windows.put("30d-WEEK", ChartQuery.defaults(ServiceBenchData.TODAY));
        windows.put("2y-MONTH", new ChartQuery(ServiceBenchData.TODAY.minusYears(2), ServiceBenchData.TODAY, Granularity.MONTH));
        try (RulesEngine engine = Regla.builder().bundledRules().build(); JdbcStore store = ServiceBenchData.open(n, engine)) {
            JdbcServiceDashboard dashboard = new JdbcServiceDashboard(store, engine, ServiceBenchData.CLOCK);
            Map<String, List<Double>> times = new LinkedHashMap<>();
            for (int round = 0; round < rounds + 2; round++) {
                for (var w : windows.entrySet()) {
                    for (String chart : charts) {
                        double base = time(() -> ServiceDashboardBenchmark.baseline(store));
                        double ms = time(() -> chart.startsWith("alerts-")
                                ? dashboard.alerts(chart.substring("alerts-".length()), w.getValue())
                                : dashboard.chart(Integer.parseInt(chart), w.getValue()));
                        if (round < 2) continue;
                        times.computeIfAbsent("baseline", k -> new ArrayList<>()).add(base);
                        times.computeIfAbsent(w.getKey() + " " + chart, k -> new ArrayList<>()).add(ms);
                    }
                }
            }
            double baseline = median(times.get("baseline"));
            System.out.printf(Locale.ROOT, "N = %,d, %d rounds, load average %s; baseline (SUM over regla_service_agent_day) median %.2f ms%n",
                    n, rounds, ServiceBenchData.loadAverage(), baseline);
            System.out.printf(Locale.ROOT, "%-32s %10s %10s %12s%n", "window chart", "median ms", "max ms", "x baseline");
            times.forEach((k, v) -> {
                if (!k.equals("baseline")) {
                    System.out.printf(Locale.ROOT, "%-32s %10.1f %10.1f %12.2f%n", k, median(v),
                            v.stream().mapToDouble(Double::doubleValue).max().orElse(0), median(v) / baseline);
                }
            });
        }
    }

    interface Call {
        Object run() throws Exception;
    }

    private static double time(Call call) throws Exception {
        long t0 = System.nanoTime();
        Object o = call.run();
        long t = System.nanoTime() - t0;
        if (o == null) throw new IllegalStateException("no result");
        return t / 1e6;
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
