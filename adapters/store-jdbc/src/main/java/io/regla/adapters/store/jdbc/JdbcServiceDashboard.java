package io.regla.adapters.store.jdbc;

import io.regla.api.DecideOptions;
import io.regla.api.RulesEngine;
import io.regla.rules.service.AgentWindow;
import io.regla.rules.service.Chart;
import io.regla.rules.service.ChartPoint;
import io.regla.rules.service.ChartQuery;
import io.regla.rules.service.ChartSeries;
import io.regla.rules.service.CustomerStatus;
import io.regla.rules.service.FirstResponse;
import io.regla.rules.service.Granularity;
import io.regla.rules.service.ServiceAlert;
import io.regla.rules.service.ServiceCharts;
import io.regla.rules.service.ServiceDashboard;
import io.regla.rules.service.Unassigned;
import io.regla.adapters.store.jdbc.ServiceQueries.AgentDay;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The dashboard over the store: counts and sums from the per-month and per-day aggregates, customer statuses and
 * the retention of cut months from the customers per day, medians from histograms (exact from the conversations for
 * small windows), alerts by the {@code service} rule set over aggregates of the window. Nothing that started more than
 * two years before the clock's date is counted; days are calendar dates in the store's zone ({@link #zone()}, chosen
 * by its first import).
 */
public final class JdbcServiceDashboard implements ServiceDashboard {

    static final String NO_AGENT = "(sin agente)";

    private final Jdbc jdbc;
    private final ServiceQueries queries;
    private final ServiceStatusDays statusDays;
    private final RulesEngine engine;
    private final Clock clock;
    private final long exactMediansUpTo;

    /**
     * Up to this many conversations in a window, chart 2's medians are exact (read from the conversations, ~33,000
     * for 30 days at a million over 2.5 years); above, they come from the per-day and per-month histograms, within
     * 2.5 % (ResponseHistogram), so a two-year window stays a few thousand rows.
     */
    public static final long EXACT_MEDIANS_UP_TO = 50_000;

    /** {@code engine} must hold the {@code service} rule set (for the alerts). */
    public JdbcServiceDashboard(JdbcStore store, RulesEngine engine, Clock clock) {
        this(store, engine, clock, EXACT_MEDIANS_UP_TO);
    }

    JdbcServiceDashboard(JdbcStore store, RulesEngine engine, Clock clock, long exactMediansUpTo) {
        this.jdbc = new Jdbc(store.dataSource());
        this.queries = new ServiceQueries(jdbc);
        this.statusDays = new ServiceStatusDays(jdbc);
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.exactMediansUpTo = exactMediansUpTo;
        // a store that held conversations before Flyway V80, V90 or V91 gets those aggregates now, once
        new ServiceScaleAggregates(jdbc).fillMissing();
    }

    /** The zone whose dates the store's days are (chosen by its first import; UTC when none chose). */
    @Override
    public ZoneId zone() {
        return ServiceZone.of(jdbc);
    }

    /** The first day still counted: two years before the clock's date in the store's zone. */
    public LocalDate horizon() {
        return LocalDate.ofInstant(clock.instant(), zone()).minusYears(2);
    }

    @Override
    public Chart chart(int n, ChartQuery q) {
        String title = ServiceCharts.title(n);
        LocalDate horizon = horizon();
        LocalDate from = q.from().isBefore(horizon) ? horizon : q.from();
        Window w = new Window(q, from, !from.isAfter(q.to()), horizon);
        return switch (n) {
            case 1 -> agentVolume(title, w);
            case 2 -> responseTimes(title, w);
            case 3 -> conversions(title, w);
            case 4 -> revenue(title, w);
            case 5 -> customerStatuses(title, w);
            case 6 -> retention(title, w);
            case 7 -> activity(title, w);
            default -> salesByChannel(title, w);
        };
    }

    /** The query and where counting starts ({@code from}, cut at the horizon); {@code any} is false when nothing is left. */
    private record Window(ChartQuery q, LocalDate from, boolean any, LocalDate horizon) {
        List<LocalDate> periods(Granularity g) {
            List<LocalDate> out = new ArrayList<>();
            for (LocalDate p = g.periodStart(q.from()); !p.isAfter(q.to()); p = g.next(p)) out.add(p);
            return out;
        }
    }

    /** The window's aggregate rows summed per agent and channel. */
    private List<AgentDay> agents(Window w) {
        return w.any ? queries.agentTotals(w.from, w.q.to()) : List.of();
    }

    /** Aggregate rows per agent, keyed and sorted by the name shown. */
    private static Map<String, List<AgentDay>> byAgent(List<AgentDay> days) {
        Map<String, String> names = new TreeMap<>();
        days.forEach(d -> names.merge(d.agentId(), label(d), (a, b) -> a.compareTo(b) >= 0 ? a : b));
        Map<String, List<AgentDay>> out = new TreeMap<>(Comparator.comparing((String s) -> s.equals(NO_AGENT)).thenComparing(s -> s));
        days.forEach(d -> out.computeIfAbsent(names.get(d.agentId()), k -> new ArrayList<>()).add(d));
        return out;
    }

    private static String label(AgentDay d) {
        if (d.agentId().isEmpty()) return NO_AGENT;
        return d.agentName() == null || d.agentName().isBlank() ? d.agentId() : d.agentName();
    }

    private static List<ChartPoint> perAgent(Map<String, List<AgentDay>> agents, ToDoubleFunction<List<AgentDay>> value) {
        List<ChartPoint> out = new ArrayList<>();
        agents.forEach((name, rows) -> out.add(new ChartPoint(name, value.applyAsDouble(rows))));
        return out;
    }

    private static long sum(List<AgentDay> rows, java.util.function.ToLongFunction<AgentDay> f) {
        return rows.stream().mapToLong(f).sum();
    }

    private Chart chart(int n, String title, Window w, Granularity g, Map<String, Object> totals, List<ChartSeries> series) {
        return new Chart(n, title, w.q.from(), w.q.to(), g, totals, series);
    }

    private Chart agentVolume(String title, Window w) {
        List<AgentDay> days = agents(w);
        Map<String, List<AgentDay>> agents = byAgent(days);
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("conversations", sum(days, AgentDay::conversations));
        totals.put("successful", sum(days, AgentDay::successful));
        return chart(1, title, w, w.q.granularity(), totals, List.of(
                new ChartSeries("Conversaciones atendidas", "bar", perAgent(agents, r -> sum(r, AgentDay::conversations))),
                new ChartSeries("% exitosas", "line", perAgent(agents, r -> percent(sum(r, AgentDay::successful), sum(r, AgentDay::conversations))))));
    }

    private Chart responseTimes(String title, Window w) {
        List<AgentDay> days = agents(w);
        Map<String, List<AgentDay>> agents = byAgent(days);
        Map<String, double[]> medians = !w.any ? Map.of() : sum(days, AgentDay::conversations) <= exactMediansUpTo
                ? queries.exactMedians(w.from, w.q.to()) : queries.medians(w.from, w.q.to());
        Map<String, double[]> byName = new TreeMap<>();
        agents.forEach((name, rows) -> byName.put(name, medians.getOrDefault(rows.get(0).agentId(), new double[]{Double.NaN, Double.NaN})));
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("firstResponseMeanSeconds", round(mean(sum(days, AgentDay::firstResponseSum), sum(days, AgentDay::firstResponseN)), 1));
        totals.put("resolutionMeanSeconds", round(mean(sum(days, AgentDay::resolutionSum), sum(days, AgentDay::resolutionN)), 1));
        // "also medians": over every conversation of the window (exact, or from the histograms as the agents' are)
        double[] overall = medians.getOrDefault(ServiceQueries.ALL_AGENTS, new double[]{Double.NaN, Double.NaN});
        totals.put("firstResponseMedianSeconds", Double.isNaN(overall[0]) ? 0.0 : round(overall[0], 1));
        totals.put("resolutionMedianSeconds", Double.isNaN(overall[1]) ? 0.0 : round(overall[1], 1));
        return chart(2, title, w, w.q.granularity(), totals, List.of(
                new ChartSeries("Respuesta inicial promedio (s)", "line", perAgent(agents,
                        r -> round(mean(sum(r, AgentDay::firstResponseSum), sum(r, AgentDay::firstResponseN)), 1))),
                new ChartSeries("Resolución promedio (s)", "line", perAgent(agents,
                        r -> round(mean(sum(r, AgentDay::resolutionSum), sum(r, AgentDay::resolutionN)), 1))),
                new ChartSeries("Respuesta inicial mediana (s)", "line", points(byName, 0)),
                new ChartSeries("Resolución mediana (s)", "line", points(byName, 1))));
    }

    private static List<ChartPoint> points(Map<String, double[]> byName, int i) {
        List<ChartPoint> out = new ArrayList<>();
        byName.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing((String s) -> s.equals(NO_AGENT)).thenComparing(s -> s)))
                .forEach(e -> out.add(new ChartPoint(e.getKey(), Double.isNaN(e.getValue()[i]) ? 0 : round(e.getValue()[i], 1))));
        return out;
    }

    private Chart conversions(String title, Window w) {
        List<AgentDay> days = agents(w);
        long conversations = sum(days, AgentDay::conversations);
        long withSale = sum(days, AgentDay::successful);
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("conversations", conversations);
        totals.put("withSale", withSale);
        totals.put("conversionRate", conversations == 0 ? 0.0 : round((double) withSale / conversations, 4));
        return chart(3, title, w, w.q.granularity(), totals, List.of(new ChartSeries("Conversaciones", "pie",
                List.of(new ChartPoint("Con venta", withSale), new ChartPoint("Sin venta", conversations - withSale)))));
    }

    private Chart revenue(String title, Window w) {
        List<AgentDay> days = agents(w);
        Map<String, List<AgentDay>> agents = byAgent(days);
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("revenue", revenueOf(days));
        return chart(4, title, w, w.q.granularity(), totals, List.of(new ChartSeries("Ingresos", "hbar",
                perAgent(agents, r -> revenueOf(r).doubleValue()))));
    }

    private static BigDecimal revenueOf(List<AgentDay> rows) {
        return rows.stream().map(AgentDay::revenue).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
    }

    private Chart customerStatuses(String title, Window w) {
        Granularity g = w.q.granularity();
        ServiceStatusDays.Counts counts = w.any ? statusDays.counts(w.from, w.q.to(), g)
                : new ServiceStatusDays.Counts(Map.of(), Map.of());
        Map<LocalDate, Map<Integer, Long>> byPeriod = counts.byPeriod();
        Map<Integer, String> statuses = queries.statusByRank();
        Map<String, Object> totals = new LinkedHashMap<>();
        Map<Integer, Long> all = counts.whole();
        totals.put("customers", all.values().stream().mapToLong(Long::longValue).sum());
        List<ChartSeries> series = new ArrayList<>();
        for (String status : CustomerStatus.STATUSES) {
            totals.put(status, count(all, statuses, status));
            List<ChartPoint> points = new ArrayList<>();
            for (LocalDate p : w.periods(g)) points.add(new ChartPoint(p.toString(), count(byPeriod.getOrDefault(p, Map.of()), statuses, status)));
            series.add(new ChartSeries(status, "area", points));
        }
        return chart(5, title, w, g, totals, series);
    }

    private static long count(Map<Integer, Long> byRank, Map<Integer, String> statuses, String status) {
        long n = 0;
        for (var e : byRank.entrySet()) if (status.equals(statuses.get(e.getKey()))) n += e.getValue();
        return n;
    }

    /**
     * Always per month (the seed's dimension is the month), whatever the query's granularity; the chart's
     * {@code granularity} stays the filter's, as on every chart, and the points' labels are the months' first days.
     */
    private Chart retention(String title, Window w) {
        Map<LocalDate, long[]> months = w.any ? queries.retention(w.from, w.q.to(), w.horizon) : Map.of();
        List<ChartPoint> recurring = new ArrayList<>();
        List<ChartPoint> fresh = new ArrayList<>();
        long customers = 0;
        long returning = 0;
        for (LocalDate m : w.periods(Granularity.MONTH)) {
            long[] v = months.getOrDefault(m, new long[]{0, 0});
            customers += v[0];
            returning += v[1];
            recurring.add(new ChartPoint(m.toString(), percent(v[1], v[0])));
            fresh.add(new ChartPoint(m.toString(), v[0] == 0 ? 0 : round(100 - percent(v[1], v[0]), 1)));
        }
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("customers", customers);
        totals.put("recurring", returning);
        totals.put("new", customers - returning);
        return chart(6, title, w, w.q.granularity(), totals, List.of(new ChartSeries("Clientes recurrentes (%)", "line", recurring),
                new ChartSeries("Clientes nuevos (%)", "line", fresh)));
    }

    /**
     * Always per day (issue 12: "daily platform activity — line with points per day"; the seed's dimension is the
     * date), whatever was asked; the chart's {@code granularity} stays the filter's, as on every chart (the response's
     * {@code granularity} is the filter the board shows), and the points' labels are the days.
     */
    private Chart activity(String title, Window w) {
        Granularity g = Granularity.DAY;
        Map<LocalDate, Long> started = new TreeMap<>();
        if (w.any) {
            queries.perDay(null, "conversations", w.from, w.q.to(), false).getOrDefault("", Map.of())
                    .forEach((d, n) -> started.merge(d, n, Long::sum));
        }
        Map<LocalDate, Long> resolved = new TreeMap<>();
        if (w.any) queries.resolvedPerDay(w.from, w.q.to(), w.horizon).forEach((d, n) -> resolved.merge(g.periodStart(d), n, Long::sum));
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("started", started.values().stream().mapToLong(Long::longValue).sum());
        totals.put("resolved", resolved.values().stream().mapToLong(Long::longValue).sum());
        return chart(7, title, w, w.q.granularity(), totals, List.of(new ChartSeries("Conversaciones iniciadas", "line", series(w, g, started)),
                new ChartSeries("Conversaciones resueltas", "line", series(w, g, resolved))));
    }

    private static List<ChartPoint> series(Window w, Granularity g, Map<LocalDate, Long> values) {
        List<ChartPoint> out = new ArrayList<>();
        for (LocalDate p : w.periods(g)) out.add(new ChartPoint(p.toString(), values.getOrDefault(p, 0L)));
        return out;
    }

    private Chart salesByChannel(String title, Window w) {
        Granularity g = w.q.granularity();
        Map<String, Map<LocalDate, Long>> channels = new TreeMap<>();
        long total = 0;
        Map<String, Map<LocalDate, Long>> perChannel = w.any
                ? queries.perDay("channel", "sales", w.from, w.q.to(), g == Granularity.MONTH) : Map.of();
        for (var channel : perChannel.entrySet()) {
            for (var day : channel.getValue().entrySet()) {
                channels.computeIfAbsent(channel.getKey(), k -> new TreeMap<>()).merge(g.periodStart(day.getKey()), day.getValue(), Long::sum);
                total += day.getValue();
            }
        }
        List<ChartSeries> series = new ArrayList<>();
        channels.forEach((channel, values) -> series.add(new ChartSeries(channel, "bar", series(w, g, values))));
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("sales", total);
        return chart(8, title, w, g, totals, series);
    }

    @Override
    public List<ServiceAlert> alerts(String audience, ChartQuery q) {
        if (!ServiceAlert.SUPERVISOR.equals(audience) && !ServiceAlert.SYSTEM_ADMIN.equals(audience)) {
            throw new IllegalArgumentException("audience '" + audience + "' is neither SUPERVISOR nor SYSTEM_ADMIN");
        }
        LocalDate horizon = horizon();
        LocalDate from = q.from().isBefore(horizon) ? horizon : q.from();
        if (from.isAfter(q.to())) return List.of();
        List<Object> facts = new ArrayList<>();
        Map<String, List<AgentDay>> perAgent = new TreeMap<>();
        Map<String, List<AgentDay>> perAgentChannel = new TreeMap<>();
        for (AgentDay d : queries.agentTotals(from, q.to())) {
            if (d.agentId().isEmpty()) continue;
            perAgent.computeIfAbsent(d.agentId(), k -> new ArrayList<>()).add(d);
            perAgentChannel.computeIfAbsent(d.agentId() + "\u0000" + d.channel(), k -> new ArrayList<>()).add(d);
        }
        perAgentChannel.values().forEach(rows -> {
            AgentDay first = rows.get(0);
            long n = sum(rows, AgentDay::firstResponseN);
            facts.add(new FirstResponse(first.agentId(), label(first), first.channel(), n, mean(sum(rows, AgentDay::firstResponseSum), n)));
        });
        Map<String, Map.Entry<LocalDate, Long>> peaks = queries.peakDays(from, q.to());
        perAgent.values().forEach(rows -> {
            var peak = peaks.get(rows.get(0).agentId());
            facts.add(new AgentWindow(rows.get(0).agentId(), label(rows.get(0)), sum(rows, AgentDay::conversations),
                    sum(rows, AgentDay::successful), peak.getKey(), peak.getValue()));
        });
        if (ServiceAlert.SYSTEM_ADMIN.equals(audience)) {
            queries.unassigned(from, q.to()).forEach(u -> facts.add(new Unassigned((String) u[0], (String) u[1], (java.time.Instant) u[2])));
        }
        return engine.decide("service", facts, DecideOptions.at(clock.instant())).actions(ServiceAlert.class).stream()
                .filter(a -> a.audience().equals(audience))
                .sorted(Comparator.comparing(ServiceAlert::code).thenComparing(ServiceAlert::subject).thenComparing(ServiceAlert::message))
                .toList();
    }

    private static double mean(long sum, long n) {
        return n == 0 ? 0 : (double) sum / n;
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : round(100.0 * part / whole, 1);
    }

    private static double round(double v, int places) {
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }
}
