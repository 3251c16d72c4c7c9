package io.regla.benchmarks.service;

import io.regla.adapters.store.jdbc.JdbcServiceRepository;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.rules.service.demo.ContactCentreGenerator;
import io.regla.rules.service.importing.ConversationRecord;
import io.regla.rules.service.importing.SaleRecord;
import io.regla.rules.service.importing.ServiceImport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's store: a generated contact centre of N conversations loaded once into an H2 file under
 * benchmarks/target/service-bench-N/ (through the import's repository and the rule set's classification, the
 * same path as {@code regla service import} minus CSV parsing) and reused by later runs.
 */
public final class ServiceBenchData {

    public static final LocalDate TODAY = LocalDate.parse("2026-03-02");
    public static final Clock CLOCK = Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    private static final int BATCH = 5_000;

    private ServiceBenchData() {
    }

    /** Opens (loading first when missing) the store of {@code n} conversations. */
    public static JdbcStore open(int n, RulesEngine engine) throws IOException {
        Path dir = Path.of("benchmarks", "target", "service-bench-" + n);
        if (!Files.isDirectory(dir.getParent())) dir = Path.of("target", "service-bench-" + n);
        Path done = dir.resolve("loaded");
        Files.createDirectories(dir);
        JdbcStore store = JdbcStore.h2(dir.resolve("regla"), CLOCK);
        if (!Files.exists(done)) {
            long t0 = System.nanoTime();
            JdbcServiceRepository repository = new JdbcServiceRepository(store);
            List<ConversationRecord> conversations = new ArrayList<>(BATCH);
            List<SaleRecord> sales = new ArrayList<>();
            ContactCentreGenerator.Result r = ContactCentreGenerator.generate(42, n, TODAY, c -> {
                conversations.add(c);
                if (conversations.size() == BATCH) {
                    repository.upsertConversations(conversations);
                    conversations.clear();
                }
            }, sales::add);
            repository.upsertConversations(conversations);
            for (int i = 0; i < sales.size(); i += BATCH) repository.upsertSales(sales.subList(i, Math.min(sales.size(), i + BATCH)));
            long t1 = System.nanoTime();
            long classified = new ServiceImport(engine, repository, CLOCK).classifyPending(Instant.now(CLOCK));
            long t2 = System.nanoTime();
            String line = String.format("%d conversations, %d sales: stored in %.1f s, classified and aggregated in %.1f s (load average %s)%n",
                    r.conversations(), r.sales(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, loadAverage());
            Files.writeString(done, line);
            System.out.print(line);
            if (classified != n) throw new IllegalStateException("classified " + classified + " of " + n);
        }
        return store;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
