package io.regla.examples.service;

import io.regla.cli.CliException;
import io.regla.rules.service.demo.ContactCentreGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/** {@code regla service generate}: a synthetic contact centre's conversations.csv and sales.csv. */
@Command(name = "generate", description = "Write a synthetic contact centre's conversations.csv and sales.csv (20 agents, 4 channels, 2.5 years).")
final class ServiceGenerateCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Folder to write to.")
    Path out;

    @Option(names = "--conversations", paramLabel = "<n>", description = "Conversations (default ${DEFAULT-VALUE}).")
    int conversations = ContactCentre.DEMO_CONVERSATIONS;

    @Option(names = "--seed", paramLabel = "<s>", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed = 3;

    @Option(names = "--today", paramLabel = "<date>", description = "The last day of the data (default: today, UTC).")
    LocalDate today;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (conversations < 1) throw new CliException("--conversations must be at least 1");
        try {
            ContactCentreGenerator.Result r = ContactCentre.write(out, seed, conversations,
                    today != null ? today : LocalDate.now(java.time.ZoneOffset.UTC));
            spec.commandLine().getOut().printf("%d conversaciones (%d sin agente) y %d ventas escritas en %s%n",
                    r.conversations(), r.unassigned(), r.sales(), out);
            return 0;
        } catch (IOException e) {
            throw new CliException("--out " + out + ": " + e.getMessage());
        }
    }
}
