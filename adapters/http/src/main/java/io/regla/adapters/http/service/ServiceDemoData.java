package io.regla.adapters.http.service;

import io.regla.adapters.store.jdbc.JdbcServiceDashboard;
import io.regla.adapters.store.jdbc.JdbcServiceRepository;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.rules.service.ChartQuery;
import io.regla.rules.service.Granularity;
import io.regla.rules.service.demo.ContactCentreGenerator;
import io.regla.rules.service.importing.ImportReport;
import io.regla.rules.service.importing.ServiceImport;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code regla serve --demo}: the examples' synthetic contact centre (20 agents, 4 channels, 20,000 conversations
 * over two and a half years ending today; {@code REGLA_SERVICE_DEMO_CONVERSATIONS} changes the count) written as the
 * public CSV files and imported like {@code regla service import} does. A store that already holds conversations of the
 * last two years is left as it is.
 */
final class ServiceDemoData {

    static final String ENV_CONVERSATIONS = "REGLA_SERVICE_DEMO_CONVERSATIONS";
    static final int CONVERSATIONS = 20_000;
    static final long SEED = 3;

    private ServiceDemoData() {
    }

    static void seed(JdbcStore store, JdbcServiceDashboard dashboard, RulesEngine engine, Clock clock, java.time.ZoneId zone,
                     int conversations, PrintWriter console) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), dashboard.zone());
        Object started = dashboard.chart(7, new ChartQuery(today.minusYears(2), today, Granularity.MONTH)).totals().get("started");
        if (started instanceof Number n && n.longValue() > 0) {
            console.println("regla serve --demo: the dashboard's store holds " + n + " conversations of the last two years: kept");
            printTotals(dashboard, today, console);
            return;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("regla-service-demo-");
            long t0 = System.nanoTime();
            ContactCentreGenerator.write(dir, SEED, conversations, today);
            // an empty store takes the server's zone (regla serve --zone) for its days
            ImportReport report = new ServiceImport(engine, new JdbcServiceRepository(store, zone), clock)
                    .run(dir.resolve("conversations.csv"), dir.resolve("sales.csv"));
            console.printf(java.util.Locale.ROOT, "regla serve --demo: a contact centre of %,d conversations and %,d sales imported for /service in %.1f s (%d rejected)%n",
                    report.conversationsImported(), report.salesImported(), (System.nanoTime() - t0) / 1e9, report.rejections().size());
            printTotals(dashboard, today, console);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo contact centre's CSV files", e);
        } finally {
            delete(dir);
        }
    }

    /** Each chart's totals over the dashboard's default window (the last 30 days, weekly), as /service shows them. */
    static void printTotals(JdbcServiceDashboard dashboard, LocalDate today, PrintWriter console) {
        ChartQuery window = ChartQuery.defaults(today);
        console.println("regla serve --demo: /service charts over the last 30 days (" + window.from() + " to " + window.to() + ", weekly):");
        for (int n = 1; n <= 8; n++) {
            io.regla.rules.service.Chart c = dashboard.chart(n, window);
            StringBuilder line = new StringBuilder("  ").append(n).append(". ").append(c.title()).append(':');
            c.totals().forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
            console.println(line);
        }
        console.flush();
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind: nothing to do about it
        }
    }
}
