package io.regla.adapters.mailchimp.cli;

import io.regla.adapters.mailchimp.audience.AudienceSync;
import io.regla.adapters.mailchimp.marketing.MailchimpMarketingClient;
import io.regla.adapters.mailchimp.marketing.MailchimpMarketingConfig;
import io.regla.adapters.mailchimp.reports.ReportSync;
import io.regla.adapters.mailchimp.sync.ScheduledSync;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code regla mailing audience-sync} and {@code regla mailing reports-sync}: one Mailchimp round now. */
final class MailchimpSyncCommands {

    /** The environment variable naming the audience (list) id when {@code --list} is not given. */
    static final String ENV_LIST_ID = "MAILCHIMP_LIST_ID";

    private MailchimpSyncCommands() {
    }

    @Command(name = "audience-sync", description = {
            "Reads the Mailchimp audience (members subscribed, unsubscribed, cleaned, pending) into the store's "
                    + "MailingContact facts, only the members changed since the last round unless --full: the mailing "
                    + "rules then give CLEANED addresses nothing and UNSUBSCRIBED ones no survey.",
            "Needs MAILCHIMP_API_KEY (MAILCHIMP_BASE_URL optional). Exit 0 when done, 2 on a Mailchimp or usage error."})
    static final class AudienceSyncCommand implements Callable<Integer> {

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--db", paramLabel = "FILE", description = "The H2 store file (without .mv.db). Default "
                + MailingCommand.DEFAULT_DB + " (regla serve's), created on first use.")
        Path db;

        @Option(names = "--list", paramLabel = "LIST_ID", description = "The Mailchimp audience id (default: $" + ENV_LIST_ID + ").")
        String list;

        @Option(names = "--full", description = "Read every member, not only those changed since the last round.")
        boolean full;

        @Option(names = "--page-size", defaultValue = "1000", description = "Members per request, 1..1000. Default ${DEFAULT-VALUE}.")
        int pageSize;

        /** The process environment; a test gives its own. */
        Map<String, String> environment = System.getenv();

        @Override
        public Integer call() {
            String listId = Optional.ofNullable(list).orElse(environment.get(ENV_LIST_ID));
            if (listId == null || listId.isBlank()) {
                throw new CliException("no audience: give --list or set " + ENV_LIST_ID);
            }
            return once(spec, db, environment, "mailchimp.audience." + listId + ".lease", (store, client) -> {
                AudienceSync sync = new AudienceSync(store, new io.regla.adapters.mailchimp.sync.PatientReader(client), listId, pageSize);
                return sync.run(full).summary();
            });
        }
    }

    @Command(name = "reports-sync", description = {
            "Reads Mailchimp's campaign and journey e-mail reports into the store: per campaign its summary, per recipient "
                    + "who received, opened, clicked or bounced it (regla mailing metrics shows them).",
            "Which: each --campaign ID given (GET /reports/{id} and its email-activity, no listing; an id Mailchimp does "
                    + "not know is named and skipped), else every campaign sent in the last --days days (GET /reports).",
            "Needs MAILCHIMP_API_KEY (MAILCHIMP_BASE_URL optional). Exit 0 when done (also when a named campaign was not "
                    + "found: the line says which), 2 on a Mailchimp or usage error (also when the listing answers 404: "
                    + "then pass --campaign)."})
    static final class ReportsSyncCommand implements Callable<Integer> {

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--db", paramLabel = "FILE", description = "The H2 store file (without .mv.db). Default "
                + MailingCommand.DEFAULT_DB + " (regla serve's), created on first use.")
        Path db;

        @Option(names = "--days", defaultValue = "30", description = "Campaigns sent in the last DAYS days. Default ${DEFAULT-VALUE}.")
        int days;

        @Option(names = "--campaign", paramLabel = "ID", description = "A Mailchimp campaign (or journey e-mail) id to read "
                + "by name, repeatable; given, nothing is listed and --days does not apply.")
        List<String> campaigns = new ArrayList<>();

        Map<String, String> environment = System.getenv();

        @Override
        public Integer call() {
            if (days < 1) {
                throw new CliException("--days " + days + ": must be at least 1");
            }
            for (String id : campaigns) {
                try {
                    MailchimpMarketingClient.pathId("campaign_id", id);
                } catch (IllegalArgumentException e) {
                    throw new CliException("--campaign " + id + ": " + e.getMessage());
                }
            }
            return once(spec, db, environment, "mailchimp.reports.lease", (store, client) ->
                    new ReportSync(store, client, Clock.systemUTC(), Duration.ofDays(days)).named(campaigns).run().summary());
        }
    }

    private interface Round {
        String run(JdbcStore store, MailchimpMarketingClient client);
    }

    /**
     * One round under the store's lease (a running {@code regla serve} may be syncing the same thing). A {@code --db}
     * given must exist (a mistyped path is not a new store); the default is created on first use, as serve does.
     */
    private static int once(picocli.CommandLine.Model.CommandSpec spec, Path given, Map<String, String> env, String lease, Round round) {
        Path db = given != null ? given : Path.of(MailingCommand.DEFAULT_DB);
        Path file = db.resolveSibling(db.getFileName() + ".mv.db");
        if (given != null && !Files.exists(file)) {
            throw new CliException("--db " + db + ": no store there (" + file + " does not exist)");
        }
        MailchimpMarketingConfig config;
        try {
            config = MailchimpMarketingConfig.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        MailchimpMarketingClient client = new MailchimpMarketingClient(config);
        PrintWriter out = spec.commandLine().getOut();
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            ScheduledSync<String> sync = new ScheduledSync<>(lease, store.cursors(), "regla-cli-" + ProcessHandle.current().pid(),
                    Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ofMinutes(1), Clock.systemUTC(),
                    () -> round.run(store, client));
            Optional<String> done = sync.runOnce();
            out.println(done.orElse("another instance is syncing right now; nothing done"));
        }
        out.flush();
        return 0;
    }
}
