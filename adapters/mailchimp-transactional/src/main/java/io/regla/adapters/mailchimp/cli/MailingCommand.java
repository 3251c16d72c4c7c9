package io.regla.adapters.mailchimp.cli;

import io.regla.adapters.mailchimp.metrics.DeliveryEventLog;
import io.regla.adapters.mailchimp.metrics.MetricsTable;
import io.regla.adapters.mailchimp.metrics.TemplateWeekMetrics;
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
import java.util.List;
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

    /** The store the mailing commands use without {@code --db}: regla serve's default. */
    static final String DEFAULT_DB = ".regla/regla";

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

        @Option(names = "--db", paramLabel = "FILE", description = "The H2 store file (without .mv.db), as regla serve "
                + "and the syncs write it. Default " + DEFAULT_DB + " (regla serve's).")
        Path db;

        /** The store read without {@code --db}; a test gives its own. */
        Path defaultDb = Path.of(DEFAULT_DB);

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
            if (!java.util.Set.of("mandrill", "mailchimp", "both").contains(source)) {
                throw new CliException("--source " + source + ": expected mandrill, mailchimp or both");
            }
            Path path = db != null ? db : defaultDb;
            Path file = path.resolveSibling(path.getFileName() + ".mv.db");
            PrintWriter out = spec.commandLine().getOut();
            if (!Files.exists(file)) {
                if (db != null) {
                    throw new CliException("--db " + db + ": no store there (" + file + " does not exist)");
                }
                // A fresh machine: nothing recorded by either source yet, which is an answer, not an error.
                out.print("no store at " + path + " yet: regla serve records Mandrill's webhook events there and "
                        + "regla mailing reports-sync Mailchimp's reports (or give --db FILE)\n\n");
                print(out, List.of(), List.of(), List.of());
            } else {
                try (JdbcStore store = JdbcStore.h2(path, Clock.systemUTC())) {
                    print(out, new DeliveryEventLog(store.facts(), zone).metrics(template, week),
                            store.facts().listAll(CampaignReport.class), store.facts().listAll(CampaignRecipient.class));
                }
            }
            out.flush();
            return 0;
        }

        private void print(PrintWriter out, List<TemplateWeekMetrics> mandrill, List<CampaignReport> reports,
                           List<CampaignRecipient> recipients) {
            boolean both = source.equals("both");
            var campaigns = CampaignMetrics.compute(reports, recipients);
            if (both) {
                out.print("Both sources side by side (totals):\n" + MetricsTable.format(List.of(
                        totals("Mandrill", period(mandrill.stream().map(TemplateWeekMetrics::isoWeek).toList()),
                                mandrill.stream().mapToLong(TemplateWeekMetrics::sent).sum(),
                                mandrill.stream().mapToLong(TemplateWeekMetrics::bounces).sum(),
                                mandrill.stream().mapToLong(TemplateWeekMetrics::uniqueOpens).sum(),
                                mandrill.stream().mapToLong(TemplateWeekMetrics::uniqueClicks).sum()),
                        totals("Mailchimp", period(campaigns.stream().filter(c -> c.sendTime() != null)
                                        .map(c -> c.sendTime().atZone(zone).toLocalDate().toString()).toList()),
                                campaigns.stream().mapToLong(CampaignMetrics::sent).sum(),
                                campaigns.stream().mapToLong(CampaignMetrics::bounced).sum(),
                                campaigns.stream().mapToLong(CampaignMetrics::opened).sum(),
                                campaigns.stream().mapToLong(CampaignMetrics::clicked).sum())), "source", "period") + "\n");
            }
            if (!source.equals("mailchimp")) {
                if (both) {
                    out.print("Mandrill (transactional), per template and week:\n");
                }
                out.print(mandrill.isEmpty() ? "no delivery events recorded" + (template != null || week != null ? " for that filter" : "") + "\n"
                        : MetricsTable.format(mandrill));
            }
            if (!source.equals("mandrill")) {
                out.print((both ? "\n" : "") + "Mailchimp Marketing (campaigns and journeys), per campaign:\n");
                out.print(campaigns.isEmpty() ? "no campaign reports read (run regla mailing reports-sync)\n"
                        : CampaignMetricsTable.format(campaigns, zone));
            }
        }

        /** One source's totals as a table row: rates over what was delivered, as each source's own rows count them. */
        private static TemplateWeekMetrics totals(String name, String period, long sent, long bounces, long opens, long clicks) {
            long delivered = Math.max(0, sent - bounces);
            return new TemplateWeekMetrics(name, period, sent, delivered, bounces, opens, clicks,
                    delivered == 0 ? 0 : (double) opens / delivered, delivered == 0 ? 0 : (double) clicks / delivered);
        }

        /** First..last of ISO weeks or ISO dates (both sort as text), "-" for none. */
        private static String period(List<String> days) {
            List<String> sorted = days.stream().sorted().toList();
            return sorted.isEmpty() ? "-" : sorted.get(0) + ".." + sorted.get(sorted.size() - 1);
        }
    }
}
