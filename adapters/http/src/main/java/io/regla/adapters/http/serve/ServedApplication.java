package io.regla.adapters.http.serve;

import io.regla.adapters.eml.EmlMailer;
import io.regla.adapters.http.RoleRegistry;
import io.regla.adapters.http.RouteModule;
import io.regla.adapters.http.RouteModuleFactory;
import io.regla.adapters.http.ServeContext;
import io.regla.adapters.http.WebServer;
import io.regla.adapters.http.auth.Accounts;
import io.regla.adapters.mailchimp.transactional.MandrillConfig;
import io.regla.adapters.sqlimport.ImportConfig;
import io.regla.adapters.sqlimport.ScheduledImport;
import io.regla.adapters.mailchimp.transactional.MandrillMailer;
import io.regla.api.RulesEngine;
import io.regla.api.spi.Mailer;
import io.regla.core.outbox.DispatchReport;
import io.regla.core.outbox.EmailDispatcher;
import io.regla.core.outbox.OutboxDispatcher;
import io.regla.rules.nursery.admissions.SentRecordingMailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything {@code regla serve} runs: the store, the mailer (the outbox dispatcher's), the web server with the
 * route modules found through {@link ServiceLoader}, and one background thread for the outbox dispatcher and the
 * modules' periodic work (one thread: two passes never overlap). Closing stops them in reverse order.
 */
final class ServedApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServedApplication.class);

    record Settings(RulesEngine engine, StoreOptions storeOptions, Path mailDir, String bind, int port,
                    Duration dispatchEvery, Duration dailyRunEvery, ZoneId zone, Clock clock, Map<String, String> environment,
                    boolean demo, long maxRequestBytes, Duration idleTimeout, PrintWriter console,
                    ImportConfig imports, Duration importEvery, MailchimpSyncs.Settings mailchimp, AtomicBoolean stopping) {
    }

    private final RulesEngine engine;
    private final StoreOptions.Opened store;
    private final WebServer server;
    private final ScheduledExecutorService background;
    private final String mailerDescription;
    private final ScheduledImport imports;
    private final MailchimpSyncs mailchimpSyncs;
    private final AtomicBoolean stopping;

    private ServedApplication(RulesEngine engine, StoreOptions.Opened store, WebServer server,
                              ScheduledExecutorService background, String mailerDescription, ScheduledImport imports,
                              MailchimpSyncs mailchimpSyncs, AtomicBoolean stopping) {
        this.stopping = stopping;
        this.imports = imports;
        this.mailchimpSyncs = mailchimpSyncs;
        this.engine = engine;
        this.store = store;
        this.server = server;
        this.background = background;
        this.mailerDescription = mailerDescription;
    }

    static ServedApplication start(Settings s) {
        Clock clock = s.clock();
        // set by the shutdown hook before anything closes (H2 closes its database in its own hook meanwhile), and by close()
        AtomicBoolean stopping = s.stopping();
        StoreOptions.Opened store = null;
        ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "regla-serve-background");
            t.setDaemon(true);
            return t;
        });
        try {
            store = s.storeOptions().open(clock, s.environment());
            String apiKey = s.environment().get(MandrillConfig.ENV_API_KEY);
            Mailer provider = apiKey != null && !apiKey.isBlank()
                    ? new MandrillMailer(MandrillConfig.fromEnvironment(s.environment()))
                    : new EmlMailer(s.mailDir(), "Regla", "no-reply@regla.invalid", clock);
            String mailerDescription = provider instanceof EmlMailer ? "mail as .eml in " + s.mailDir() : "mail through Mandrill";
            Mailer mailer = new SentRecordingMailer(provider, store.store().facts(), store.store().outbox(), clock);
            OutboxDispatcher dispatcher = EmailDispatcher.builder(store.store().outbox(), mailer).clock(clock)
                    .owner("regla-serve-" + ProcessHandle.current().pid()).build();

            List<RouteModuleFactory> factories = ServiceLoader.load(RouteModuleFactory.class).stream()
                    .map(ServiceLoader.Provider::get).toList();
            RoleRegistry roles = new RoleRegistry(factories.stream().flatMap(f -> f.roles().stream()).toList());
            Accounts accounts = new Accounts(store.store().facts(), clock, roles);
            Map<String, String> env = new HashMap<>(s.environment());
            env.putIfAbsent("REGLA_PUBLIC_URL", "http://" + s.bind() + ":" + s.port());
            env.put("REGLA_DAILY_RUN_EVERY", s.dailyRunEvery().toString());
            ServeContext.Background jobs = new ServeContext.Background() {
                @Override
                public void every(String name, Duration every, Runnable task) {
                    background.scheduleWithFixedDelay(() -> guarded(name, task, stopping), 0, every.toMillis(), TimeUnit.MILLISECONDS);
                }

                @Override
                public boolean stopping() {
                    return stopping.get();
                }
            };
            ServeContext context = new ServeContext(s.engine(), store.store(), clock, s.zone(), env, accounts, jobs,
                    s.demo(), s.console());
            WebServer.Builder builder = WebServer.builder(accounts).address(s.bind(), s.port())
                    .maxRequestBytes(s.maxRequestBytes()).idleTimeout(s.idleTimeout())
                    .secureCookies(env.get("REGLA_PUBLIC_URL").startsWith("https:"));
            for (RouteModuleFactory factory : factories) {
                for (RouteModule module : factory.create(context)) {
                    builder.module(module);
                    LOG.info("serving route module {}", module.getClass().getName());
                }
            }
            WebServer server = builder.start();
            jobs.every("outbox", s.dispatchEvery(), () -> {
                DispatchReport report = dispatcher.dispatchDue();
                if (report.claimed() > 0) {
                    LOG.info("outbox: {}", report);
                }
            });
            ScheduledImport imports = null;
            if (s.imports() != null) {
                // cluster-safe: a lease in the store's cursors, so two instances import each round once
                imports = ScheduledImport.builder(store.store(), s.imports()).every(s.importEvery()).clock(clock)
                        .zone(s.zone()).owner("regla-serve-" + ProcessHandle.current().pid()).build();
                imports.start();
            }
            // cluster-safe as the import: each round under a lease in the store's cursors
            MailchimpSyncs mailchimpSyncs = MailchimpSyncs.start(s.mailchimp(), store.store(), clock,
                    "regla-serve-" + ProcessHandle.current().pid());
            return new ServedApplication(s.engine(), store, server, background, mailerDescription, imports, mailchimpSyncs, stopping);
        } catch (RuntimeException e) {
            background.shutdownNow();
            if (store != null) {
                store.close();
            }
            s.engine().close();
            throw e;
        }
    }

    /**
     * A scheduled task that throws is never run again: log and carry on to the next pass. A pass that fails once the
     * server is stopping (its store closing under it) is said in one line, without a stack trace.
     */
    private static void guarded(String name, Runnable task, AtomicBoolean stopping) {
        try {
            task.run();
        } catch (RuntimeException e) {
            if (stopping.get()) {
                LOG.warn("{} ended by the stop: {}", name, io.regla.api.PersonalData.maskEmailsIn(e.toString()));
                return;
            }
            LOG.error("{} failed; next attempt at the next interval", name, e);
        }
    }

    URI uri() {
        return server.uri();
    }

    String mailerDescription() {
        return mailerDescription;
    }

    String storeDescription() {
        return store.description();
    }

    @Override
    public void close() {
        stopping.set(true);   // a long background pass (the demo data load) ends at its next safe point
        if (imports != null) {
            imports.close();
        }
        mailchimpSyncs.close();
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
