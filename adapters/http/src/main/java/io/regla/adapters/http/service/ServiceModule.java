package io.regla.adapters.http.service;

import io.javalin.http.Context;
import io.regla.adapters.http.HttpError;
import io.regla.adapters.http.Principal;
import io.regla.adapters.http.Role;
import io.regla.adapters.http.RouteModule;
import io.regla.adapters.http.Routes;
import io.regla.adapters.http.auth.Accounts;
import io.regla.rules.service.Chart;
import io.regla.rules.service.ChartQuery;
import io.regla.rules.service.ServiceAlert;
import io.regla.rules.service.ServiceDashboard;
import io.regla.rules.service.ServiceRoles;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The customer-service dashboard (seed 003): {@code GET /service/charts/{n}} (JSON) and {@code {n}.csv},
 * {@code GET /service/alerts}, and the page {@code /service}. Who sees which chart and which alerts is the domain's
 * table ({@link ServiceRoles}); it is enforced here, on the server, before any data is read: 403 otherwise.
 */
public final class ServiceModule implements RouteModule {

    public static final Role MANAGER = new Role("MANAGER", false);
    public static final Role SUPERVISOR = new Role("SUPERVISOR", false);
    public static final Role SALES_DIRECTOR = new Role("SALES_DIRECTOR", false);
    public static final Role ANALYST = new Role("ANALYST", false);
    public static final Role SYSTEM_ADMIN = new Role("SYSTEM_ADMIN", false);
    /** The dashboard's roles; none is scoped (the data has no campus-like scope). */
    public static final List<Role> ROLES = List.of(MANAGER, SUPERVISOR, SALES_DIRECTOR, ANALYST, SYSTEM_ADMIN);

    private final ServiceDashboard dashboard;
    private final Clock clock;
    /** The server's zone (regla serve --zone); the dashboard's days follow their store's zone instead. */
    private final ZoneId zone;
    private final Accounts accounts;

    public ServiceModule(ServiceDashboard dashboard, Clock clock, ZoneId zone, Accounts accounts) {
        this.dashboard = Objects.requireNonNull(dashboard, "dashboard");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    @Override
    public void register(Routes routes) {
        Role[] all = ROLES.toArray(Role[]::new);
        routes.home("/service", all);
        routes.get("/service/charts/{n}", this::chart, all);
        routes.get("/service/alerts", this::alerts, all);
        routes.page("/service", new ServicePage(this, accounts)::show, all);
    }

    /** Today in the zone the dashboard's days are dated in (its store's): the end of the default window. */
    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), dashboard.zone());
    }

    /** The charts this role may see, in order. */
    static List<Integer> chartsOf(Principal p) {
        return ServiceRoles.chartsFor(p.role().name()).stream().sorted().toList();
    }

    /** CSV exports belong to the analyst (issue 12's table: "all eight, and the CSV exports"). */
    static boolean exports(Principal p) {
        return ServiceRoles.canExport(p.role().name());
    }

    static Set<String> alertsAudiences(Principal p) {
        return ServiceRoles.alertsFor(p.role().name());
    }

    Chart chart(int n, ChartQuery query) {
        return dashboard.chart(n, query);
    }

    /** The alerts of every audience this role has, supervisor's first. */
    List<ServiceAlert> alertsOf(Principal p, ChartQuery query) {
        return ServiceRoles.alertsFor(p.role().name()).stream().sorted()
                .flatMap(audience -> dashboard.alerts(audience, query).stream()).toList();
    }

    private void chart(Context ctx) {
        Principal p = Routes.principal(ctx);
        String raw = ctx.pathParam("n");
        int n = ChartRequest.chart(raw);
        boolean csv = raw.endsWith(".csv");
        if (!ServiceRoles.chartsFor(p.role().name()).contains(n)) {
            throw new HttpError(403, "FORBIDDEN", "the role " + p.role() + " may not see chart " + n);
        }
        if (csv && !exports(p)) {
            throw new HttpError(403, "FORBIDDEN", "CSV exports are for the " + ANALYST + " role");
        }
        Chart chart = dashboard.chart(n, ChartRequest.query(ctx, today()));
        if (csv) {
            ctx.header("Content-Disposition", "attachment; filename=\"" + ChartCsv.fileName(chart) + "\"");
            ctx.contentType("text/csv; charset=utf-8");
            ctx.result(ChartCsv.write(chart));
            return;
        }
        ctx.json(chart);
    }

    private void alerts(Context ctx) {
        Principal p = Routes.principal(ctx);
        Set<String> audiences = ServiceRoles.alertsFor(p.role().name());
        if (audiences.isEmpty()) {
            throw new HttpError(403, "FORBIDDEN", "the role " + p.role() + " receives no service alerts");
        }
        ChartQuery query = ChartRequest.query(ctx, today());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", query.from());
        body.put("to", query.to());
        body.put("audiences", audiences.stream().sorted().toList());
        body.put("alerts", alertsOf(p, query));
        ctx.json(body);
    }
}
