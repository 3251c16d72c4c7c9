package io.regla.adapters.http.serve;

import io.regla.adapters.eml.EmlMailer;
import io.regla.adapters.http.BackOfficeServer;
import io.regla.adapters.http.RouteExtension;
import io.regla.adapters.http.RouteExtensionFactory;
import io.regla.adapters.http.ServeContext;
import io.regla.adapters.mailchimp.transactional.MandrillConfig;
import io.regla.adapters.mailchimp.transactional.MandrillMailer;
import io.regla.adapters.mailchimp.webhook.MandrillWebhook;
import io.regla.rules.nursery.admissions.DailyRunReport;
import io.regla.rules.nursery.admissions.NurseryService;
import io.regla.rules.nursery.admissions.SentRecordingMailer;
import io.regla.adapters.mailchimp.metrics.DeliveryEventLog;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.api.spi.Mailer;
import io.regla.core.outbox.DispatchReport;
import io.regla.core.outbox.EmailDispatcher;
import io.regla.core.outbox.OutboxDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Everything {@code regla serve} runs, wired on the embedded defaults: the store, the mailer (the outbox dispatcher's),
 * the nursery application, the HTTP server with its plug-in routes, and one background thread that drains the outbox
 * and runs the daily run (one thread: the two never overlap). Closing stops them in reverse order.
 */
final class ServedApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServedApplication.class);
    static final String ENV_WEBHOOK_KEY = "MANDRILL_WEBHOOK_KEY";
    static final String ENV_WEBHOOK_URL = "MANDRILL_WEBHOOK_URL";

    record Settings(RulesEngine engine, Path db, Path mailDir, String bind, int port, Duration dispatchEvery,
                    Duration dailyRunEvery, ZoneId zone, Clock clock, Map<String, String> environment) {
    }

    private final RulesEngine engine;
    private final JdbcStore store;
    private final BackOfficeServer server;
    private final ScheduledExecutorService background;
    private final String mailerDescription;

    private ServedApplication(RulesEngine engine, JdbcStore store, BackOfficeServer server,
                              ScheduledExecutorService background, String mailerDescription) {
        this.engine = engine;
        this.store = store;
        this.server = server;
        this.background = background;
        this.mailerDescription = mailerDescription;
    }

    static ServedApplication start(Settings s) {
        Clock clock = s.clock();
        JdbcStore store = null;
        BackOfficeServer server = null;
        try {
            store = JdbcStore.h2(s.db(), clock);
            String apiKey = s.environment().get(MandrillConfig.ENV_API_KEY);
            Mailer provider = apiKey != null && !apiKey.isBlank()
                    ? new MandrillMailer(MandrillConfig.fromEnvironment(s.environment()))
                    : new EmlMailer(s.mailDir(), "Regla", "no-reply@regla.invalid", clock);
            String mailerDescription = provider instanceof EmlMailer ? "mail as .eml in " + s.mailDir() : "mail through Mandrill";
            Mailer mailer = new SentRecordingMailer(provider, store.facts(), store.outbox(), clock);
            OutboxDispatcher dispatcher = EmailDispatcher.builder(store.outbox(), mailer).clock(clock)
                    .owner("regla-serve-" + ProcessHandle.current().pid()).build();
            NurseryService service = new NurseryService(s.engine(), store, clock);

            BackOfficeServer.Builder builder = BackOfficeServer.builder(service)
                    .address(new InetSocketAddress(s.bind(), s.port()));
            String webhookKey = s.environment().get(ENV_WEBHOOK_KEY);
            if (webhookKey == null || webhookKey.isBlank()) {
                LOG.info("{} is not set: the Mandrill webhook /webhooks/mandrill and /metrics/mailing are not served", ENV_WEBHOOK_KEY);
            } else {
                String url = s.environment().getOrDefault(ENV_WEBHOOK_URL,
                        "http://" + s.bind() + ":" + s.port() + "/webhooks/mandrill");
                builder.mandrill(new MandrillWebhook(webhookKey, url), new DeliveryEventLog(store.facts(), s.zone()));
            }
            for (RouteExtension route : routeExtensions(new ServeContext(service, store, clock, s.environment()))) {
                builder.extension(route);
                LOG.info("serving route extension {} at {}", route.getClass().getName(), route.path());
            }
            server = builder.start();

            ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "regla-serve-background");
                t.setDaemon(true);
                return t;
            });
            background.scheduleWithFixedDelay(() -> dailyRun(service), 0, s.dailyRunEvery().toMillis(), TimeUnit.MILLISECONDS);
            background.scheduleWithFixedDelay(() -> dispatch(dispatcher), 0, s.dispatchEvery().toMillis(), TimeUnit.MILLISECONDS);
            return new ServedApplication(s.engine(), store, server, background, mailerDescription);
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            }
            if (store != null) {
                store.close();
            }
            s.engine().close();
            throw e;
        }
    }

    /** Every {@link RouteExtension} provider, then what every {@link RouteExtensionFactory} provider makes. */
    static List<RouteExtension> routeExtensions(ServeContext context) {
        List<RouteExtension> routes = new ArrayList<>();
        ServiceLoader.load(RouteExtension.class).forEach(routes::add);
        for (RouteExtensionFactory factory : ServiceLoader.load(RouteExtensionFactory.class)) {
            routes.addAll(factory.create(context));
        }
        return routes;
    }

    URI uri() {
        return server.uri();
    }

    String mailerDescription() {
        return mailerDescription;
    }

    // A scheduled task that throws is never run again: both log and carry on to the next pass.

    private static void dailyRun(NurseryService service) {
        try {
            DailyRunReport report = service.dailyRun();
            LOG.info("daily run: {} transitions, {} alerts, {} e-mails enqueued", report.transitions().size(),
                    report.alerts().size(), report.enqueued());
        } catch (RuntimeException e) {
            LOG.error("daily run failed; next attempt at the next interval", e);
        }
    }

    private static void dispatch(OutboxDispatcher dispatcher) {
        try {
            DispatchReport report = dispatcher.dispatchDue();
            if (report.claimed() > 0) {
                LOG.info("outbox: {}", report);
            }
        } catch (RuntimeException e) {
            LOG.error("outbox dispatch failed; next attempt at the next interval", e);
        }
    }

    @Override
    public void close() {
        server.close();
        background.shutdown();
        try {
            if (!background.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the background pass did not finish in 30 s; stopping it");
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
            background.shutdownNow();
            Thread.currentThread().interrupt();
        }
        store.close();
        engine.close();
    }
}
