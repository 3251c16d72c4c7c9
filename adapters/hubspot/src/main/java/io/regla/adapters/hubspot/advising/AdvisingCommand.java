package io.regla.adapters.hubspot.advising;

import io.regla.adapters.hubspot.HubSpotConfig;
import io.regla.adapters.hubspot.HubSpotException;
import io.regla.adapters.hubspot.HubSpotHttp;
import io.regla.adapters.hubspot.crm.HubSpotCrm;
import io.regla.adapters.hubspot.email.HubSpotMailer;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.cli.CliException;
import io.regla.cli.EngineOptions;
import io.regla.cli.ReglaCli;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.registry.Manifest;
import io.regla.adapters.hubspot.automation.HubSpotWorkflows;
import io.regla.rules.advising.Enrolment;
import io.regla.rules.advising.Notices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code regla advising sync}: route HubSpot deals created since the last run. */
@Command(name = "advising", description = "University leads in HubSpot: faculty to advisor routing.",
        subcommands = {AdvisingCommand.Sync.class, AdvisingCommand.Journey.class})
public final class AdvisingCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "sync", description = {
            "Read deals created since the last sync from HubSpot (HUBSPOT_TOKEN), decide with the advising rule set,",
            "set deal and contact owners, send notices (internal e-mail, or tasks) and the enrolment e-mail through the outbox,",
            "and move contacts whose faculty changed (with their open deals). Refuses while a HubSpot workflow sets the owner.",
            "Re-running changes nothing and sends nothing twice. When HubSpot fails for now (rate limit, 5xx, no answer)",
            "the run stops with exit code 1 and says when to run again: the cursor stays, the next run is the retry."})
    static final class Sync implements Callable<Integer> {

        @Option(names = "--store", paramLabel = "FILE", description = "H2 database file for cursor and outbox (default: ${DEFAULT-VALUE}).")
        Path store = Path.of("regla-data", "regla");

        @Option(names = "--since", paramLabel = "T", description = "Where the first sync starts when no cursor is stored (default: 24 hours ago).")
        String since;

        @Option(names = "--enrolment-email-id", paramLabel = "ID", description = "HubSpot email id of '" + Enrolment.TEMPLATE
                + "' (default: env HUBSPOT_ENROLMENT_EMAIL_ID).")
        Long enrolmentEmailId;

        @Option(names = "--faculty-property", paramLabel = "NAME", description = "The deal and contact faculty property (default: ${DEFAULT-VALUE}).")
        String facultyProperty = "facultad";

        @Option(names = "--notice", paramLabel = "task|email|both", description = "How notices reach the deal owner: an internal "
                + "e-mail (default; without --notice-email-id a HubSpot task instead, with a warning), a HubSpot task, or both.")
        String notice;

        @Option(names = "--notice-email-id", paramLabel = "ID", description = "HubSpot email id of the internal notice template '"
                + Notices.EMAIL_TEMPLATE + "' (subject and body from custom.subject, custom.body; default: env HUBSPOT_NOTICE_EMAIL_ID).")
        Long noticeEmailId;

        @Option(names = "--allow-workflow", description = "Run even when an enabled HubSpot workflow sets the owner too "
                + "(by default the sync refuses: two automations would fight over the owner).")
        boolean allowWorkflow;

        @Mixin
        EngineOptions engineOptions;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        static java.util.function.Supplier<HubSpotConfig> hubspotConfig = HubSpotConfig::fromEnvironment;
        static Clock clock = Clock.systemUTC();

        @Override
        public Integer call() {
            HubSpotConfig config;
            try {
                config = hubspotConfig.get();
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            Long emailId = enrolmentEmailId;
            if (emailId == null && System.getenv("HUBSPOT_ENROLMENT_EMAIL_ID") != null) {
                emailId = Long.valueOf(System.getenv("HUBSPOT_ENROLMENT_EMAIL_ID"));
            }
            if (emailId == null) throw new CliException("the enrolment e-mail's HubSpot id is missing: give --enrolment-email-id or set HUBSPOT_ENROLMENT_EMAIL_ID");
            NoticeChannel channel;
            try {
                channel = NoticeChannel.parse(notice == null ? NoticeChannel.EMAIL.name() : notice);
            } catch (IllegalArgumentException e) {
                throw new CliException("--notice: " + e.getMessage());
            }
            Map<String, Long> templates = new java.util.HashMap<>(Map.of(Enrolment.TEMPLATE, emailId));
            if (channel.emails()) {
                Long id = noticeEmailId;
                if (id == null && System.getenv("HUBSPOT_NOTICE_EMAIL_ID") != null) id = Long.valueOf(System.getenv("HUBSPOT_NOTICE_EMAIL_ID"));
                if (id != null) {
                    templates.put(Notices.EMAIL_TEMPLATE, id);
                } else if (notice != null) {
                    throw new CliException("notices go by e-mail but the internal e-mail's HubSpot id is missing: give "
                            + "--notice-email-id or set HUBSPOT_NOTICE_EMAIL_ID (or use --notice task)");
                } else {
                    // The default channel without its template: a task still reaches the owner (as regla serve does).
                    warn("regla: warning: notices go as HubSpot tasks this run: give --notice-email-id or set "
                            + "HUBSPOT_NOTICE_EMAIL_ID to send them as the internal e-mail (the default)");
                    channel = NoticeChannel.TASK;
                }
            }
            Instant first = clock.instant().minusSeconds(24 * 3600);
            if (since != null) {
                first = Manifest.parseInstant(since, ZoneOffset.UTC);
                if (first == null) throw new CliException("--since '" + since + "' is not an ISO-8601 instant");
            }
            HubSpotHttp http = new HubSpotHttp(config);
            if (!allowWorkflow) {
                String refusal;
                try {
                    refusal = WorkflowGuard.check(new HubSpotWorkflows(http), this::warn);
                } catch (HubSpotException e) {
                    PrintWriter err = spec.commandLine().getErr();
                    err.println("regla: HubSpot failed for now (" + (e.status() == 0 ? "no answer" : e.status() + " " + e.category())
                            + ") while checking its workflows: run `regla advising sync` again "
                            + (e.retryAfter() == null ? "later" : "in " + human(e.retryAfter()) + " or later") + "; nothing was synced");
                    err.flush();
                    return ReglaCli.FAILED;
                }
                if (refusal != null) throw new CliException(refusal);
            }
            try (DroolsEngine engine = engineOptions.engine(); JdbcStore jdbc = JdbcStore.h2(store, clock)) {
                AdvisingSync sync = new AdvisingSync(engine, new HubSpotCrm(http),
                        new HubSpotMailer(http, templates), jdbc, clock,
                        new AdvisingSync.Properties(facultyProperty, facultyProperty), channel);
                SyncReport r;
                try {
                    r = sync.run(first);
                } catch (HubSpotException e) {
                    if (!e.retryable()) throw e;
                    // The poller's retry is the next run: say when, and that nothing is lost meanwhile.
                    PrintWriter err = spec.commandLine().getErr();
                    err.println(retryLater(e, jdbc.cursors().get(AdvisingSync.CURSOR).orElse(null)));
                    err.flush();
                    return ReglaCli.FAILED;
                }
                PrintWriter out = spec.commandLine().getOut();
                out.printf("deals %d (created %s .. %s), faculty changes %d, owner changes %d, e-mails queued %d sent %d, "
                                + "notices (%s) queued %d sent %d, alerts %d%n",
                        r.deals(), r.cursorFrom(), r.cursorTo(), r.facultyChanges(), r.ownerChanges(), r.emailsQueued(), r.emailsSent(),
                        channel.name().toLowerCase(java.util.Locale.ROOT), r.noticesQueued(), r.noticesCreated(), r.alerts().size());
                r.alerts().forEach(a -> out.println("  " + a.code() + " deal " + a.subjectId() + ": " + a.message()));
                out.flush();
            }
            return ReglaCli.OK;
        }

        private void warn(String line) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(line);
            err.flush();
        }

        /** The one line a sync cut short by a retryable HubSpot failure prints. */
        static String retryLater(HubSpotException e, String cursor) {
            String when = e.retryAfter() == null ? "later (HubSpot gave no wait)" : "in " + human(e.retryAfter()) + " or later";
            return "regla: HubSpot failed for now (" + (e.status() == 0 ? "no answer" : e.status() + " " + e.category())
                    + "): run `regla advising sync` again " + when + "; nothing was lost, the cursor stays at "
                    + (cursor == null ? "its start" : cursor);
        }

        private static String human(Duration d) {
            if (d.toMillis() < 1000) return d.toMillis() + " ms";
            long s = (d.toMillis() + 999) / 1000;
            return s < 120 ? s + " s" : (s + 59) / 60 + " min";
        }
    }

    @Command(name = "journey", description = {
            "A contact's advising journey from the store: who changed its faculty from what to what, and the owner moves",
            "that followed (contact and open deals). Owner ids as HubSpot holds them; no names or e-mails are printed."})
    static final class Journey implements Callable<Integer> {

        @picocli.CommandLine.Parameters(paramLabel = "CONTACT_ID", description = "The HubSpot contact id.")
        String contactId;

        @Option(names = "--store", paramLabel = "FILE", description = "H2 database file (default: ${DEFAULT-VALUE}).")
        Path store = Path.of("regla-data", "regla");

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (JdbcStore jdbc = JdbcStore.h2(store, Sync.clock)) {
                java.util.List<io.regla.rules.advising.ContactJourneyStep> steps = FacultyChanges.journey(jdbc, contactId);
                PrintWriter out = spec.commandLine().getOut();
                if (steps.isEmpty()) out.println("contact " + contactId + ": no faculty change recorded");
                for (var s : steps) {
                    out.printf("%s %-11s %-7s %-10s %s -> %s by %s%n", s.at(), s.what(), s.objectType(), s.objectId(),
                            s.from() == null ? "-" : s.from().strip(), s.to() == null ? "-" : s.to().strip(), s.by());
                }
                out.flush();
            }
            return ReglaCli.OK;
        }
    }
}
