package io.regla.adapters.http.nursery;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.regla.adapters.http.Pages;
import io.regla.adapters.http.Principal;
import io.regla.adapters.http.Role;
import io.regla.adapters.http.Routes;
import io.regla.adapters.http.auth.Accounts;
import io.regla.adapters.sqlimport.ImportRun;
import io.regla.rules.nursery.Campus;
import io.regla.rules.nursery.admissions.NurseryRecords;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The administrator's page: users (add a director for her campuses), campuses and their capacities, and the holidays
 * the rules use, and the scheduled import's runs with their counts and rejects.
 */
final class AdminPages {

    private final NurseryRecords records;
    private final Accounts accounts;
    private final CampusCalendar calendar;
    private final NurseryPages pages;

    AdminPages(NurseryRecords records, Accounts accounts, CampusCalendar calendar, NurseryPages pages) {
        this.records = records;
        this.accounts = accounts;
        this.calendar = calendar;
        this.pages = pages;
    }

    void register(Routes routes) {
        routes.page("/ui/admin", ctx -> admin(ctx, "", 200), Role.ADMIN);
        routes.form("/ui/admin/users", this::addUser, Role.ADMIN);
        routes.form("/ui/admin/campuses", this::putCampus, Role.ADMIN);
    }

    private void admin(Context ctx, String error, int status) {
        Principal p = Routes.principal(ctx);
        String ok = switch (Optional.ofNullable(ctx.queryParam("ok")).orElse("")) {
            case "user" -> "Usuario creado.";
            case "campus" -> "Jardín guardado.";
            default -> "";
        };
        Map<String, Object> model = new HashMap<>();
        model.put("frame", pages.frame(p, "Administración"));
        model.put("users", accounts.users());
        model.put("roles", accounts.roles().all().stream().map(Role::name).toList());
        model.put("campuses", records.campuses());
        model.put("holidays", calendar.holidays().stream().filter(d -> !d.isBefore(calendar.today().minusDays(1))).limit(20).toList());
        // the scheduled import's runs (ImportRun facts, ids in time order), newest first
        java.util.List<ImportRun> runs = new java.util.ArrayList<>(records.facts().listAll(ImportRun.class));
        java.util.Collections.reverse(runs);
        model.put("imports", runs.stream().limit(20).toList());
        model.put("error", error);
        model.put("ok", ok);
        ctx.status(status);
        Pages.render(ctx, "admin.jte", model);
    }

    private void addUser(Context ctx) {
        try {
            accounts.addUser(Optional.ofNullable(ctx.formParam("username")).orElse("").trim(), ctx.formParam("role"),
                    ctx.formParams("campus"), Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray());
        } catch (IllegalArgumentException e) {
            admin(ctx, e.getMessage(), 400);
            return;
        }
        ctx.redirect("/ui/admin?ok=user", HttpStatus.SEE_OTHER);
    }

    private void putCampus(Context ctx) {
        try {
            String id = Optional.ofNullable(ctx.formParam("id")).orElse("").trim();
            String name = Optional.ofNullable(ctx.formParam("name")).orElse("").trim();
            int capacity = Integer.parseInt(Optional.ofNullable(ctx.formParam("capacity")).orElse("").trim());
            String days = Optional.ofNullable(ctx.formParam("adaptationDays")).orElse("").trim();
            records.putCampus(new Campus(id, name.isEmpty() ? id : name, capacity, days.isEmpty() ? null : Integer.parseInt(days)));
        } catch (IllegalArgumentException e) {   // NumberFormatException included
            admin(ctx, "Jardín: " + e.getMessage(), 400);
            return;
        }
        ctx.redirect("/ui/admin?ok=campus", HttpStatus.SEE_OTHER);
    }
}
