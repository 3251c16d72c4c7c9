package io.regla.benchmarks.service;

import io.regla.adapters.store.jdbc.JdbcServiceDashboard;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.rules.service.ChartQuery;
import io.regla.rules.service.Granularity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * Latency of each dashboard chart (and the alerts) over an H2 store of a million conversations (issue 12's target:
 * under 200 ms each): the default window (30 days, weekly) and the widest one that still counts (two years, monthly).
 * The store is loaded once (see {@link ServiceBenchData}) and reused across runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class ServiceDashboardBenchmark {

    @Param({"1000000"})
    public int conversations;

    /**
     * 1..8, alerts-SUPERVISOR / alerts-SYSTEM_ADMIN, or baseline: {@code SELECT SUM(conversations)} over the whole per-day aggregate
     * (the same at any N and window), so that under a busy machine each chart is also reported as a ratio to it.
     */
    @Param({"baseline", "1", "2", "3", "4", "5", "6", "7", "8", "alerts-SUPERVISOR", "alerts-SYSTEM_ADMIN"})
    public String chart;

    @Param({"30d-WEEK", "2y-MONTH"})
    public String window;

    private RulesEngine engine;
    private JdbcStore store;
    private JdbcServiceDashboard dashboard;
    private ChartQuery query;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        engine = Regla.builder().bundledRules().build();
        store = ServiceBenchData.open(conversations, engine);
        dashboard = new JdbcServiceDashboard(store, engine, ServiceBenchData.CLOCK);
        query = window.equals("30d-WEEK") ? ChartQuery.defaults(ServiceBenchData.TODAY)
                : new ChartQuery(ServiceBenchData.TODAY.minusYears(2), ServiceBenchData.TODAY, Granularity.MONTH);
    }

    /** A connection, one aggregate count and its result: the fixed cost every chart pays at least once. */
    static long baseline(JdbcStore store) throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SUM(conversations) FROM regla_service_agent_day")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.println("load average at the end of the trial: " + ServiceBenchData.loadAverage());
        store.close();
        engine.close();
    }

    @Benchmark
    public Object chart() throws SQLException {
        if (chart.equals("baseline")) return baseline(store);
        if (chart.startsWith("alerts-")) return dashboard.alerts(chart.substring("alerts-".length()), query);
        return dashboard.chart(Integer.parseInt(chart), query);
    }
}
