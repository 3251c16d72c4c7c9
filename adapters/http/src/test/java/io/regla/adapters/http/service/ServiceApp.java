package io.regla.adapters.http.service;

import io.regla.adapters.http.RoleRegistry;
import io.regla.adapters.http.TestApp;
import io.regla.adapters.http.WebServer;
import io.regla.adapters.http.auth.Accounts;
import io.regla.adapters.store.jdbc.JdbcServiceDashboard;
import io.regla.adapters.store.jdbc.JdbcServiceRepository;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.rules.service.importing.ImportReport;
import io.regla.rules.service.importing.ServiceImport;
import org.h2.jdbcx.JdbcDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A server for the dashboard's tests: an H2 store filled by the real import ({@code ServiceImport}) from
 * {@link ServiceFixture}'s CSV files, the real {@code JdbcServiceDashboard}, and one user per role (username = role
 * in lower case, password {@link TestApp#PASSWORD}) plus the platform's {@code admin}.
 */
final class ServiceApp implements AutoCloseable {

    /** username → role */
    static final Map<String, String> USERS = Map.of(
            "manager", "MANAGER", "supervisor", "SUPERVISOR", "sales_director", "SALES_DIRECTOR",
            "analyst", "ANALYST", "system_admin", "SYSTEM_ADMIN", "admin", "ADMIN");

    final JdbcStore store;
    final RulesEngine engine;
    final Accounts accounts;
    final WebServer server;
    final ImportReport imported;
    final TestApp.Caller anonymous;

    ServiceApp() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        store = JdbcStore.open(ds, ServiceFixture.CLOCK);
        engine = Regla.builder().bundledRules().clock(ServiceFixture.CLOCK).build();
        JdbcServiceDashboard dashboard = new JdbcServiceDashboard(store, engine, ServiceFixture.CLOCK);
        Path dir = Files.createTempDirectory("service-fixture");
        List<Path> files = ServiceFixture.write(dir);
        imported = new ServiceImport(engine, new JdbcServiceRepository(store), ServiceFixture.CLOCK).run(files.get(0), files.get(1));
        accounts = new Accounts(store.facts(), ServiceFixture.CLOCK, new RoleRegistry(ServiceModule.ROLES), 4);
        USERS.forEach((user, role) -> accounts.addUser(user, role, List.of(), TestApp.PASSWORD.toCharArray()));
        server = WebServer.builder(accounts).idleTimeout(Duration.ofSeconds(30))
                .module(new ServiceModule(dashboard, ServiceFixture.CLOCK, ServiceFixture.ZONE, accounts)).start();
        anonymous = TestApp.caller(server, null);
    }

    TestApp.Caller signedIn(String user) throws Exception {
        return TestApp.signedIn(server, user);
    }

    @Override
    public void close() {
        server.close();
        engine.close();
        store.close();
    }
}
