package io.regla.adapters.mailchimp.cli;

import io.regla.adapters.mailchimp.metrics.DeliveryEventLog;
import io.regla.adapters.mailchimp.metrics.MetricsTable;
import io.regla.adapters.mailchimp.reports.CampaignMetrics;
import io.regla.adapters.mailchimp.reports.CampaignMetricsTable;
import io.regla.adapters.mailchimp.reports.CampaignRecipient;
import io.regla.adapters.mailchimp.reports.CampaignReport;
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

/**
 * {@code regla mailing metrics}: Mandrill's delivery metrics per template and ISO week (from its webhook events) beside
 * Mailchimp Marketing's per campaign (from the reports read by {@code regla mailing reports-sync});
 * {@code regla mailing audience-sync} and {@code reports-sync} read Mailchimp now.
 */
@Command(name = "mailing", description = "Mailing delivery: Mandrill's and Mailchimp's figures side by side; Mailchimp audience and report syncs.",
        subcommands = {MailingCommand.Metrics.class, MailchimpSyncCommands.AudienceSyncCommand.class,
                MailchimpSyncCommands.ReportsSyncCommand.class})
public final class MailingCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "metrics", description = {"Mandrill (transactional mail, from its webhook events) per template and ISO week, "
            + "then Mailchimp Marketing (campaigns and journey e-mails, from regla mailing reports-sync) per campaign: sent, "
            + "delivered, bounces, unique opens and clicks, open_rate and click_rate (= unique opens or clicks / (sent - bounces)), "
            + "counted per recipient the same way for both."})
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

        @Option(names = "--source", defaultValue = "both", description = "mandrill, mailchimp or both (default ${DEFAULT-VALUE}).")
        String source;

        @Option(names = "--zone", defaultValue = "America/Santiago", description = "Zone of the week calendar (default ${DEFAULT-VALUE}).")
        ZoneId zone;

        @Override
        public Integer call() {
            Path file = db.resolveSibling(db.getFileName() + ".mv.db");
            if (!Files.exists(file)) {
                throw new CliException("--db " + db + ": no store there (" + file + " does not exist)");
            }
            if (!java.util.Set.of("mandrill", "mailchimp", "both").contains(source)) {
                throw new CliException("--source " + source + ": expected mandrill, mailchimp or both");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
                boolean both = source.equals("both");
                if (!source.equals("mailchimp")) {
                    if (both) {
                        out.print("Mandrill (transactional), per template and week:\n");
                    }
                    var rows = new DeliveryEventLog(store.facts(), zone).metrics(template, week);
                    out.print(rows.isEmpty() ? "no delivery events recorded" + (template != null || week != null ? " for that filter" : "") + "\n"
                            : MetricsTable.format(rows));
                }
                if (!source.equals("mandrill")) {
                    out.print((both ? "\n" : "") + "Mailchimp Marketing (campaigns and journeys), per campaign:\n");
                    var campaigns = CampaignMetrics.compute(store.facts().listAll(CampaignReport.class),
                            store.facts().listAll(CampaignRecipient.class));
                    out.print(campaigns.isEmpty() ? "no campaign reports read (run regla mailing reports-sync)\n"
                            : CampaignMetricsTable.format(campaigns, zone));
                }
            }
            out.flush();
            return 0;
        }
    }
}
