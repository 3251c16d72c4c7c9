package io.regla.adapters.mailchimp.cli;

import io.regla.adapters.mailchimp.metrics.DeliveryEventLog;
import io.regla.adapters.mailchimp.metrics.MetricsTable;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.Callable;

/** {@code regla mailing metrics}: delivery metrics per template and ISO week from the Mandrill events in the store. */
@Command(name = "mailing", description = "Mailing delivery: metrics from the recorded Mandrill events.",
        subcommands = MailingCommand.Metrics.class)
public final class MailingCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "metrics", description = "Per template and ISO week: sent, delivered, bounces, unique opens and clicks, "
            + "open_rate and click_rate (= unique opens or clicks / (sent - bounces)).")
    static final class Metrics implements Callable<Integer> {

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--db", required = true, paramLabel = "FILE",
                description = "The H2 store file (without .mv.db), as the application and the demo write it.")
        Path db;

        @Option(names = "--template", description = "Only this template (BIENVENIDA, RECORDATORIO_ADAPTACION, ENCUESTA_ADAPTACION).")
        String template;

        @Option(names = "--week", description = "Only this ISO week, such as 2023-W10.")
        String week;

        @Option(names = "--zone", defaultValue = "America/Santiago", description = "Zone of the week calendar (default ${DEFAULT-VALUE}).")
        ZoneId zone;

        @Override
        public Integer call() {
            Path file = db.resolveSibling(db.getFileName() + ".mv.db");
            if (!Files.exists(file)) {
                throw new CliException("--db " + db + ": no store there (" + file + " does not exist)");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
                var rows = new DeliveryEventLog(store.facts(), zone).metrics(template, week);
                out.print(rows.isEmpty() ? "no delivery events recorded" + (template != null || week != null ? " for that filter" : "") + "\n"
                        : MetricsTable.format(rows));
            }
            out.flush();
            return 0;
        }
    }
}
