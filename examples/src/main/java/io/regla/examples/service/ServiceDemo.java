package io.regla.examples.service;

import io.regla.adapters.store.jdbc.JdbcServiceDashboard;
import io.regla.adapters.store.jdbc.JdbcServiceRepository;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.examples.DemoPart;
import io.regla.rules.service.Chart;
import io.regla.rules.service.ChartQuery;
import io.regla.rules.service.Granularity;
import io.regla.rules.service.ServiceAlert;
import io.regla.rules.service.ServiceRoles;
import io.regla.rules.service.importing.ImportReport;
import io.regla.rules.service.importing.ServiceImport;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code regla demo}'s customer-service part (seed 003): a synthetic contact centre (20 agents, 4 channels, 20,000
 * conversations over two and a half years, sales on some) written as the public CSV files, imported with
 * {@code ServiceImport} into an H2 store, then each chart's totals over the default window (the last 30 days, weekly)
 * and over the last two years (monthly), the alerts, and who sees what.
 */
public final class ServiceDemo implements DemoPart {

    static final long SEED = 3;

    @Override
    public String title() {
        return "Customer service: a contact centre's 20,000 conversations imported and charted for five roles";
    }

    @Override
    public void run(PrintWriter out) throws Exception {
        run(out, Files.createTempDirectory("regla-service-"), Clock.systemUTC());
    }

    /** What the demo computed, for its test. */
    record Outcome(ImportReport imported, Map<Integer, Chart> recent, Map<Integer, Chart> twoYears, Path store) {
    }

    Outcome run(PrintWriter out, Path dir, Clock clock) throws Exception {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        long started = System.nanoTime();
        Path csv = dir.resolve("csv");
        ContactCentre.write(csv, SEED, ContactCentre.DEMO_CONVERSATIONS, today);
        Path db = dir.resolve("store");
        try (RulesEngine engine = Regla.builder().bundledRules().clock(clock).build();
             JdbcStore store = JdbcStore.h2(db, clock)) {
            ImportReport report = new ServiceImport(engine, new JdbcServiceRepository(store), clock)
                    .run(csv.resolve("conversations.csv"), csv.resolve("sales.csv"));
            out.printf(Locale.ROOT, "  generated and imported %,d of %,d conversations and %,d of %,d sales in %.1f s; %d records rejected%n",
                    report.conversationsImported(), report.conversationsRead(), report.salesImported(), report.salesRead(),
                    (System.nanoTime() - started) / 1e9, report.rejections().size());
            report.rejections().stream().limit(3).forEach(r -> out.println("    rejected: " + r));
            JdbcServiceDashboard dashboard = new JdbcServiceDashboard(store, engine, clock);
            ChartQuery recent = ChartQuery.defaults(today);
            ChartQuery twoYears = new ChartQuery(today.minusYears(2), today, Granularity.MONTH);
            Map<Integer, Chart> r = charts(out, dashboard, recent, "the last 30 days, weekly (the default)");
            Map<Integer, Chart> t = charts(out, dashboard, twoYears, "the last two years, monthly");
            for (String audience : List.of(ServiceAlert.SUPERVISOR, ServiceAlert.SYSTEM_ADMIN)) {
                List<ServiceAlert> alerts = dashboard.alerts(audience, recent);
                out.printf("  alerts for %s over the last 30 days: %d %s%n", audience, alerts.size(), alerts.stream()
                        .collect(Collectors.groupingBy(ServiceAlert::code, java.util.TreeMap::new, Collectors.counting())));
            }
            out.println("  who sees what (/service, regla serve --demo):");
            for (String role : ServiceRoles.ROLES) {
                out.printf("    %-15s %-26s charts %s%s%s%n", role, ServiceRoles.LABELS.get(role),
                        ServiceRoles.chartsFor(role).stream().sorted().toList(),
                        ServiceRoles.alertsFor(role).isEmpty() ? "" : ", alerts " + ServiceRoles.alertsFor(role),
                        ServiceRoles.canExport(role) ? ", CSV exports" : "");
            }
            out.println("  store: " + db + " (CSV files in " + csv + "); the same charts in the browser: regla serve --demo");
            out.flush();
            return new Outcome(report, r, t, db);
        }
    }

    private static Map<Integer, Chart> charts(PrintWriter out, JdbcServiceDashboard dashboard, ChartQuery q, String label) {
        out.println("  charts over " + label + ", " + q.from() + " to " + q.to() + ":");
        Map<Integer, Chart> charts = new java.util.TreeMap<>();
        for (int n = 1; n <= 8; n++) {
            Chart c = dashboard.chart(n, q);
            charts.put(n, c);
            out.printf("    %d. %-57s %s%n", n, c.title(), c.totals().entrySet().stream()
                    .map(e -> e.getKey() + "=" + format(e.getValue())).collect(Collectors.joining(" ")));
        }
        return charts;
    }

    private static String format(Object v) {
        if (v instanceof java.math.BigDecimal b) {
            return String.format(Locale.ROOT, "%,.2f", b);
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%,d", d.longValue())
                    : String.format(Locale.ROOT, "%,.2f", d);
        }
        if (v instanceof Number n && !(v instanceof java.math.BigDecimal)) {
            return String.format(Locale.ROOT, "%,d", n.longValue());
        }
        return String.valueOf(v);
    }
}
