package io.regla.adapters.http.service;

import io.regla.adapters.http.Role;
import io.regla.adapters.http.RouteModule;
import io.regla.adapters.http.RouteModuleFactory;
import io.regla.adapters.http.ServeContext;
import io.regla.adapters.store.jdbc.JdbcServiceDashboard;
import io.regla.adapters.store.jdbc.JdbcStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Serves the customer-service dashboard in {@code regla serve} and registers its five roles (so that
 * {@code regla users add NAME --role MANAGER} is accepted). Its data is what {@code regla service import} put in the
 * JDBC store; on another store the dashboard is not served (a log line says why). Under {@code --demo} it adds one
 * user per role ({@link ServiceDemoUsers}) and imports the synthetic contact centre ({@link ServiceDemoData}).
 */
public final class ServiceModuleFactory implements RouteModuleFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceModuleFactory.class);

    @Override
    public List<Role> roles() {
        return ServiceModule.ROLES;
    }

    @Override
    public List<RouteModule> create(ServeContext context) {
        if (!(context.store() instanceof JdbcStore jdbc)) {
            LOG.info("the customer-service dashboard (/service) needs the JDBC store (--store jdbc): not served on {}",
                    context.store().getClass().getSimpleName());
            return List.of();
        }
        JdbcServiceDashboard dashboard = new JdbcServiceDashboard(jdbc, context.engine(), context.clock());
        if (context.demo()) {
            int conversations = context.env(ServiceDemoData.ENV_CONVERSATIONS).map(Integer::parseInt).orElse(ServiceDemoData.CONVERSATIONS);
            ServiceDemoUsers.seed(context.accounts(), context.console());
            // on the background thread, once (its next pass is a century away): importing 20,000 conversations takes
            // seconds, and the server listens meanwhile (the charts fill when the import's line is printed)
            context.background().every("service demo data", Duration.ofDays(36_500), () -> ServiceDemoData.seed(jdbc,
                    dashboard, context.engine(), context.clock(), context.zone(), conversations, context.console(),
                    context.background()::stopping));
        }
        return List.of(new ServiceModule(dashboard, context.clock(), context.zone(), context.accounts()));
    }
}
