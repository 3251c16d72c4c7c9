package io.regla.adapters.http.serve;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.regla.adapters.sqlimport.ImportConfig;
import io.regla.cli.CliException;
import org.slf4j.LoggerFactory;
import io.regla.cli.EngineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code regla serve}: the back-office API and the Mandrill webhook over the embedded store, with the outbox
 * dispatcher and the daily run in the background, until Ctrl-C (or the thread running it is interrupted).
 */
@Command(name = "serve", description = {
        "Runs the HTTP adapter: the back-office JSON API, the Mandrill webhook and every RouteExtension found on the "
                + "classpath, over an H2 store, with the outbox dispatcher and the daily run in the background. Ctrl-C stops it.",
        "Mail goes to .eml files in --mail-dir, or through Mandrill when MANDRILL_API_KEY is set (MANDRILL_FROM_EMAIL, "
                + "MANDRILL_FROM_NAME, MANDRILL_BASE_URL optional). The webhook /webhooks/mandrill is served when "
                + "MANDRILL_WEBHOOK_KEY is set; its signature covers MANDRILL_WEBHOOK_URL (default: this server's URL)."})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on; 0 picks a free one (printed). Default ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on. Default ${DEFAULT-VALUE} (this machine only).")
    String bind;

    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--demo", description = "Seed the Vitamina demonstration campuses and enrolments, an admin and one "
            + "director per campus (their one-time passwords are printed once).")
    boolean demo;

    @Option(names = "--max-body", defaultValue = "1000000", paramLabel = "BYTES",
            description = "The largest request body accepted (413 beyond). Default ${DEFAULT-VALUE}.")
    long maxBody;

    @Option(names = "--idle-timeout", defaultValue = "30s", converter = Intervals.class, paramLabel = "INTERVAL",
            description = "Drop a connection silent for this long, mid-request included (slow clients). Default ${DEFAULT-VALUE}.")
    Duration idleTimeout;

    @Option(names = "--import-every", converter = Intervals.class, paramLabel = "INTERVAL",
            description = "Run the SQL import on this schedule (needs --import-config).")
    Duration importEvery;

    @Option(names = "--import-config", paramLabel = "FILE", description = "The SQL import's configuration (import.yaml).")
    Path importConfig;

    @Option(names = "--audience-sync-every", converter = Intervals.class, paramLabel = "INTERVAL",
            description = "Read the Mailchimp audience (members changed since the last round) into the store's MailingContact "
                    + "facts on this schedule, so the mailing rules suppress cleaned and unsubscribed addresses. Needs "
                    + "MAILCHIMP_API_KEY and MAILCHIMP_LIST_ID (MAILCHIMP_BASE_URL optional).")
    Duration audienceSyncEvery;

    @Option(names = "--reports-sync-every", converter = Intervals.class, paramLabel = "INTERVAL",
            description = "Read Mailchimp's campaign and journey reports of the last 30 days into the store on this schedule "
                    + "(regla mailing metrics). Needs MAILCHIMP_API_KEY. MAILCHIMP_CAMPAIGN_IDS=ID1,ID2 (optional): read exactly "
                    + "those campaigns (GET /reports/{id}), no listing.")
    Duration reportsSyncEvery;

    @Option(names = "--mail-dir", defaultValue = ".regla/mail", paramLabel = "DIR",
            description = "Where the .eml mailer writes when MANDRILL_API_KEY is not set. Default ${DEFAULT-VALUE}.")
    Path mailDir;

    @Option(names = "--dispatch-every", defaultValue = "10s", converter = Intervals.class, paramLabel = "INTERVAL",
            description = "Pause between outbox dispatcher passes (30s, 5m, PT1M). Default ${DEFAULT-VALUE}.")
    Duration dispatchEvery;

    @Option(names = "--daily-run-every", defaultValue = "1h", converter = Intervals.class, paramLabel = "INTERVAL",
            description = "Pause between daily runs (the first one at start). The run decides on the clock's date, so "
                    + "running it more often than daily only picks changes up sooner. Default ${DEFAULT-VALUE}.")
    Duration dailyRunEvery;

    @Option(names = "--zone", defaultValue = "America/Santiago", description = "Zone of the delivery metrics' weeks. Default ${DEFAULT-VALUE}.")
    ZoneId zone;

    /** The process environment; a test gives its own. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        if (port < 0 || port > 65535) {
            throw new CliException("--port " + port + ": must be 0..65535");
        }
        // the CLI keeps logs quiet; a server's log (loops, routes, alerts with masked data) is what an operator reads
        Logger reglaLog = (Logger) LoggerFactory.getLogger("io.regla");
        if (reglaLog.getLevel() == null || reglaLog.getLevel().isGreaterOrEqual(Level.WARN)) {
            reglaLog.setLevel(Level.INFO);
        }
        if ((importEvery == null) != (importConfig == null)) {
            throw new CliException("--import-every and --import-config go together");
        }
        ImportConfig imports = null;
        if (importConfig != null) {
            try {
                imports = ImportConfig.load(importConfig, environment);
            } catch (RuntimeException e) {
                throw new CliException("--import-config " + importConfig + ": " + e.getMessage());
            }
        }
        MailchimpSyncs.Settings mailchimp = MailchimpSyncs.settings(audienceSyncEvery, reportsSyncEvery, environment);
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread caller = Thread.currentThread();
        AtomicBoolean stopping = new AtomicBoolean();
        // Ctrl-C: say the server is stopping (the JVM's other hooks, H2's among them, run meanwhile), wake the serving
        // thread and wait until it has closed everything (the JVM exits after the hook)
        Thread hook = new Thread(() -> {
            stopping.set(true);
            caller.interrupt();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "regla-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (ServedApplication app = ServedApplication.start(new ServedApplication.Settings(engineOptions.engine(true),
                storeOptions, mailDir, bind, port, dispatchEvery, dailyRunEvery, zone, Clock.systemUTC(), environment, demo,
                maxBody, idleTimeout, out, imports, importEvery, mailchimp, stopping))) {
            out.println("regla serve: listening on " + app.uri() + " (store " + app.storeDescription() + ", "
                    + app.mailerDescription() + ")");
            out.flush();
            try {
                new CountDownLatch(1).await();   // until interrupted
            } catch (InterruptedException e) {
                out.println("regla serve: stopping");
                out.flush();
            }
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running
            }
        }
        return 0;
    }
}
