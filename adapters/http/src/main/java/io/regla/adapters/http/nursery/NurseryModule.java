package io.regla.adapters.http.nursery;

import io.regla.adapters.http.Role;
import io.regla.adapters.http.RouteModule;
import io.regla.adapters.http.Routes;
import io.regla.adapters.http.auth.Accounts;
import io.regla.adapters.mailchimp.metrics.DeliveryEventLog;
import io.regla.api.RulesEngine;
import io.regla.rules.nursery.admissions.NurseryService;

import java.time.ZoneId;

/** The nursery back office: its JSON API ({@link NurseryApi}) and pages ({@link NurseryPages}, {@link AdminPages}). */
public final class NurseryModule implements RouteModule {

    /** A campus director: sees and acts on her campuses only. */
    public static final Role DIRECTOR = new Role("DIRECTOR", true);

    private final NurseryService service;
    private final RulesEngine engine;
    private final Accounts accounts;
    private final DeliveryEventLog deliveries;

    public NurseryModule(NurseryService service, RulesEngine engine, Accounts accounts, ZoneId zone) {
        this.service = service;
        this.engine = engine;
        this.accounts = accounts;
        this.deliveries = new DeliveryEventLog(service.records().facts(), zone);
    }

    @Override
    public void register(Routes routes) {
        CampusCalendar calendar = new CampusCalendar(engine, service);
        NurseryPages pages = new NurseryPages(service, calendar, deliveries);
        new NurseryApi(service).register(routes, Role.ADMIN, DIRECTOR);
        pages.register(routes, Role.ADMIN, DIRECTOR);
        new AdminPages(service.records(), accounts, calendar, pages).register(routes);
    }
}
