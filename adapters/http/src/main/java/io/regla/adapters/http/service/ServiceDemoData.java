package io.regla.adapters.http.service;

import io.regla.adapters.store.jdbc.JdbcServiceDashboard;
import io.regla.adapters.store.jdbc.JdbcServiceRepository;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.rules.service.ChartQuery;
import io.regla.rules.service.Granularity;
import io.regla.rules.service.demo.ContactCentreGenerator;
import io.regla.rules.service.Conversation;
import io.regla.rules.service.importing.Classification;
import io.regla.rules.service.importing.ConversationRecord;
import io.regla.rules.service.importing.ImportReport;
import io.regla.rules.service.importing.SaleRecord;
import io.regla.rules.service.importing.ServiceImport;
import io.regla.rules.service.importing.ServiceRepository;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
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

    /** The line a stop of the server during the load prints, once (the load ends quietly, without a stack trace). */
    static final String INTERRUPTED = "regla serve --demo: the demo data load was interrupted by the stop";

    /**
     * @param stopping true once the server is stopping: the load ends before its next write to the store (a batch of
     *                 the import, the classification, the aggregates) and says so in one line
     */
    static void seed(JdbcStore store, JdbcServiceDashboard dashboard, RulesEngine engine, Clock clock, java.time.ZoneId zone,
                     int conversations, PrintWriter console, BooleanSupplier stopping) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), dashboard.zone());
        Object started = dashboard.chart(7, new ChartQuery(today.minusYears(2), today, Granularity.MONTH)).totals().get("started");
        if (started instanceof Number n && n.longValue() > 0) {
            console.println("regla serve --demo: the dashboard's store holds " + n + " conversations of the last two years: kept");
            printTotals(dashboard, today, console);
            return;
        }
        Path dir = null;
        try {
            console.printf(java.util.Locale.ROOT, "regla serve --demo: loading a contact centre of %,d conversations for /service"
                    + " (the charts fill when it is done)%n", conversations);
            console.flush();
            dir = Files.createTempDirectory("regla-service-demo-");
            long t0 = System.nanoTime();
            ContactCentreGenerator.write(dir, SEED, conversations, today);
            // an empty store takes the server's zone (regla serve --zone) for its days
            ImportReport report = new ServiceImport(engine, new Stoppable(new JdbcServiceRepository(store, zone), stopping), clock)
                    .run(dir.resolve("conversations.csv"), dir.resolve("sales.csv"));
            Stoppable.check(stopping);
            console.printf(java.util.Locale.ROOT, "regla serve --demo: a contact centre of %,d conversations and %,d sales imported for /service in %.1f s (%d rejected)%n",
                    report.conversationsImported(), report.salesImported(), (System.nanoTime() - t0) / 1e9, report.rejections().size());
            printTotals(dashboard, today, console);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo contact centre's CSV files", e);
        } catch (RuntimeException e) {
            // stopped at a safe point, or the store closed under a write while the process was exiting: either way a stop
            if (!(e instanceof Stopped) && !stopping.getAsBoolean()) throw e;
            console.println(INTERRUPTED);
            console.flush();
        } finally {
            delete(dir);
        }
    }

    /** The load ends here: the server is stopping. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("the server is stopping", null, false, false);
        }
    }

    /** The import's repository, which ends the load before each write once the server is stopping. */
    private record Stoppable(ServiceRepository repository, BooleanSupplier stopping) implements ServiceRepository {

        static void check(BooleanSupplier stopping) {
            if (stopping.getAsBoolean()) throw new Stopped();
        }

        @Override
        public Set<String> existingConversations(Collection<String> ids) {
            return repository.existingConversations(ids);
        }

        @Override
        public void upsertConversations(List<ConversationRecord> rows) {
            check(stopping);
            repository.upsertConversations(rows);
        }

        @Override
        public void upsertSales(List<SaleRecord> rows) {
            check(stopping);
            repository.upsertSales(rows);
        }

        @Override
        public List<Conversation> unclassified(int limit) {
            check(stopping);
            return repository.unclassified(limit);
        }

        @Override
        public void saveClassification(List<Classification> verdicts) {
            check(stopping);
            repository.saveClassification(verdicts);
        }

        @Override
        public void refreshAggregates() {
            check(stopping);
            repository.refreshAggregates();
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
