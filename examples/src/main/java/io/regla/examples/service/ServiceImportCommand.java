package io.regla.examples.service;

import io.regla.adapters.store.jdbc.JdbcServiceRepository;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.cli.CliException;
import io.regla.core.Regla;
import io.regla.api.RulesEngine;
import io.regla.rules.quality.contract.ContractException;
import io.regla.rules.service.importing.ImportReport;
import io.regla.rules.service.importing.Rejection;
import io.regla.rules.service.importing.ServiceImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * {@code regla service import --conversations F --sales F [--db FILE]}. Exit codes: 0 every record imported; 1 some
 * records rejected (each printed as file:line: column: CHECK: reason on stderr), the rest imported; 2 a file missing,
 * without a column of the format, or not CSV (nothing imported).
 */
@Command(name = "import", description = "Import conversations.csv and sales.csv into the store, idempotent by id. "
        + "Exit 0: all imported; 1: some records rejected (listed), the rest imported; 2: unreadable input, nothing imported.")
final class ServiceImportCommand implements Callable<Integer> {

    @Option(names = "--conversations", required = true, paramLabel = "<file>", description = "conversations.csv")
    Path conversations;

    @Option(names = "--sales", required = true, paramLabel = "<file>", description = "sales.csv")
    Path sales;

    @Option(names = "--db", defaultValue = ".regla/regla", paramLabel = "FILE",
            description = "The H2 store file (without .mv.db). Default ${DEFAULT-VALUE}.")
    Path db;

    @Option(names = "--zone", paramLabel = "<zone>", description = "Zone whose calendar dates the charts' days are "
            + "(e.g. America/Argentina/Buenos_Aires). Default: the store's (chosen by its first import), for a new store "
            + "the system's.")
    java.time.ZoneId zone;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (Path f : new Path[]{conversations, sales}) {
            if (!Files.isRegularFile(f)) throw new CliException(f + ": no such file");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        try (RulesEngine engine = Regla.builder().bundledRules().build();
             JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            JdbcServiceRepository repository = zone != null ? new JdbcServiceRepository(store, zone)
                    : JdbcServiceRepository.keepingZone(store, java.time.ZoneId.systemDefault());
            ImportReport r = new ServiceImport(engine, repository, Clock.systemUTC()).run(conversations, sales);
            for (Rejection x : r.rejections()) err.println(x);
            out.printf("conversaciones: %d leídas, %d importadas; ventas: %d leídas, %d importadas; %d rechazos; "
                            + "%d conversaciones clasificadas (%.1f s)%n", r.conversationsRead(), r.conversationsImported(),
                    r.salesRead(), r.salesImported(), r.rejections().size(), r.classified(), (System.nanoTime() - t0) / 1e9);
            out.flush();
            err.flush();
            return r.exitCode();
        } catch (ContractException | IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }
}
