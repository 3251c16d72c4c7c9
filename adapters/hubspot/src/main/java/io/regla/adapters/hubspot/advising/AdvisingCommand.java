package io.regla.adapters.hubspot.advising;

import io.regla.adapters.hubspot.HubSpotConfig;
import io.regla.adapters.hubspot.HubSpotHttp;
import io.regla.adapters.hubspot.crm.HubSpotCrm;
import io.regla.adapters.hubspot.email.HubSpotMailer;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.cli.CliException;
import io.regla.cli.EngineOptions;
import io.regla.cli.ReglaCli;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.registry.Manifest;
import io.regla.rules.advising.Enrolment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code regla advising sync}: route HubSpot deals created since the last run. */
@Command(name = "advising", description = "University leads in HubSpot: faculty to advisor routing.",
        subcommands = AdvisingCommand.Sync.class)
public final class AdvisingCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "sync", description = {
            "Read deals created since the last sync from HubSpot (HUBSPOT_TOKEN), decide with the advising rule set,",
            "set deal and contact owners, create notices as tasks and send the enrolment e-mail through the outbox.",
            "Re-running changes nothing and sends nothing twice."})
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
            Instant first = clock.instant().minusSeconds(24 * 3600);
            if (since != null) {
                first = Manifest.parseInstant(since, ZoneOffset.UTC);
                if (first == null) throw new CliException("--since '" + since + "' is not an ISO-8601 instant");
            }
            HubSpotHttp http = new HubSpotHttp(config);
            try (DroolsEngine engine = engineOptions.engine(); JdbcStore jdbc = JdbcStore.h2(store, clock)) {
                AdvisingSync sync = new AdvisingSync(engine, new HubSpotCrm(http),
                        new HubSpotMailer(http, Map.of(Enrolment.TEMPLATE, emailId)), jdbc, clock,
                        new AdvisingSync.Properties(facultyProperty, facultyProperty));
                SyncReport r = sync.run(first);
                PrintWriter out = spec.commandLine().getOut();
                out.printf("deals %d (created %s .. %s), owner changes %d, e-mails queued %d sent %d, notices queued %d created %d, alerts %d%n",
                        r.deals(), r.cursorFrom(), r.cursorTo(), r.ownerChanges(), r.emailsQueued(), r.emailsSent(),
                        r.noticesQueued(), r.noticesCreated(), r.alerts().size());
                r.alerts().forEach(a -> out.println("  " + a.code() + " deal " + a.subjectId() + ": " + a.message()));
                out.flush();
            }
            return ReglaCli.OK;
        }
    }
}
