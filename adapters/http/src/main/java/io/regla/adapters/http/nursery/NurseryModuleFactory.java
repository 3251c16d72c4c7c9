package io.regla.adapters.http.nursery;

import io.regla.adapters.http.Role;
import io.regla.adapters.http.RouteModule;
import io.regla.adapters.http.RouteModuleFactory;
import io.regla.adapters.http.ServeContext;
import io.regla.rules.nursery.admissions.DailyRunReport;
import io.regla.rules.nursery.admissions.NurseryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Serves the nursery back office in {@code regla serve}, runs the nursery's daily run in the background
 * ({@code REGLA_DAILY_RUN_EVERY} in the context's environment, set from {@code --daily-run-every}), and under
 * {@code --demo} seeds the demonstration network with its users.
 */
public final class NurseryModuleFactory implements RouteModuleFactory {

    public static final String DAILY_RUN_EVERY = "REGLA_DAILY_RUN_EVERY";
    private static final Logger LOG = LoggerFactory.getLogger(NurseryModuleFactory.class);

    @Override
    public List<Role> roles() {
        return List.of(NurseryModule.DIRECTOR);
    }

    @Override
    public List<RouteModule> create(ServeContext context) {
        NurseryService service = new NurseryService(context.engine(), context.store(), context.clock());
        if (context.demo()) {
            DemoSeed.seed(service.records(), context.accounts(), context.clock(), context.console());
        }
        Duration every = context.env(DAILY_RUN_EVERY).map(Duration::parse).orElse(Duration.ofHours(1));
        context.background().every("daily run", every, () -> {
            DailyRunReport report = service.dailyRun();
            LOG.info("daily run: {} transitions, {} alerts, {} e-mails enqueued", report.transitions().size(),
                    report.alerts().size(), report.enqueued());
        });
        return List.of(new NurseryModule(service, context.engine(), context.accounts(), context.zone()));
    }
}
