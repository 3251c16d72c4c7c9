package io.regla.adapters.http.nursery;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.regla.adapters.http.BadRequestException;
import io.regla.adapters.http.Pages;
import io.regla.adapters.http.Principal;
import io.regla.adapters.http.Role;
import io.regla.adapters.http.Routes;
import io.regla.adapters.mailchimp.metrics.DeliveryEventLog;
import io.regla.api.spi.StoredFact;
import io.regla.rules.mailing.EmailSent;
import io.regla.rules.nursery.Campus;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.EnrollmentStatus;
import io.regla.rules.nursery.admissions.CommandOutcome;
import io.regla.rules.nursery.admissions.NurseryRecords;
import io.regla.rules.nursery.admissions.NurseryService;
import io.regla.rules.scheduling.CancelEnrollment;
import io.regla.rules.scheduling.Command;
import io.regla.rules.scheduling.RecordInterview;
import io.regla.rules.scheduling.ScheduleAdaptation;
import io.regla.rules.scheduling.ScheduleInterview;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The director's pages: her campus (enrolments by status, search), an enrolment (journey, mail, the forms that
 * schedule the interview and the adaptation, with the rules' rejections in Spanish), the adaptation calendar and the
 * campus's mail. Forms post back and redirect (303) when done, or show the page again with what the rules said (422).
 */
final class NurseryPages {

    private final NurseryService service;
    private final NurseryRecords records;
    private final CampusCalendar calendar;
    private final DeliveryEventLog deliveries;

    NurseryPages(NurseryService service, CampusCalendar calendar, DeliveryEventLog deliveries) {
        this.service = service;
        this.records = service.records();
        this.calendar = calendar;
        this.deliveries = deliveries;
    }

    void register(Routes routes, Role... roles) {
        routes.page("/", this::home, roles);
        routes.page("/ui/campuses/{campusId}", this::campus, roles);
        routes.page("/ui/campuses/{campusId}/rows", this::rows, roles);
        routes.page("/ui/campuses/{campusId}/calendar", this::calendarPage, roles);
        routes.page("/ui/campuses/{campusId}/mail", this::mail, roles);
        routes.page("/ui/enrollments/{id}", ctx -> enrollment(ctx, List.of(), 200), roles);
        routes.form("/ui/enrollments/{id}/interview", ctx -> command(ctx, "interview"), roles);
        routes.form("/ui/enrollments/{id}/interview/result", ctx -> command(ctx, "result"), roles);
        routes.form("/ui/enrollments/{id}/adaptation", ctx -> command(ctx, "adaptation"), roles);
        routes.form("/ui/enrollments/{id}/cancel", ctx -> command(ctx, "cancel"), roles);
    }

    /** The layout's frame: a director's campuses, or the administration. */
    Pages.Frame frame(Principal p, String title) {
        List<Pages.Link> nav = new ArrayList<>();
        for (Campus c : records.campuses()) {
            if (p.covers(c.id()) && p.role().scoped()) {
                nav.add(new Pages.Link("/ui/campuses/" + c.id(), c.name()));
                nav.add(new Pages.Link("/ui/campuses/" + c.id() + "/calendar", "Calendario"));
                nav.add(new Pages.Link("/ui/campuses/" + c.id() + "/mail", "Correos"));
            }
        }
        if (!p.role().scoped()) {
            nav.add(new Pages.Link("/ui/admin", "Administración"));
        }
        return new Pages.Frame(title, p, nav);
    }

    private void home(Context ctx) {
        Principal p = Routes.principal(ctx);
        if (!p.role().scoped()) {
            ctx.redirect("/ui/admin", HttpStatus.SEE_OTHER);
            return;
        }
        String first = p.scope().stream().sorted().findFirst().orElse("");
        ctx.redirect("/ui/campuses/" + first, HttpStatus.SEE_OTHER);
    }

    private void campus(Context ctx) {
        Principal p = Routes.principal(ctx);
        Campus campus = Access.campus(records, p, ctx.pathParam("campusId"));
        List<Enrollment> all = records.enrollmentsOfCampus(campus.id());
        Map<EnrollmentStatus, Long> counts = new LinkedHashMap<>();
        for (EnrollmentStatus s : EnrollmentStatus.values()) {
            counts.put(s, all.stream().filter(e -> e.status() == s).count());
        }
        String q = Optional.ofNullable(ctx.queryParam("q")).orElse("");
        String status = Optional.ofNullable(ctx.queryParam("status")).orElse("");
        Pages.render(ctx, "campus.jte", Map.of("frame", frame(p, campus.name()), "campus", campus, "counts", counts,
                "total", all.size(), "rows", filter(all, q, status), "q", q, "status", status));
    }

    private void rows(Context ctx) {
        Principal p = Routes.principal(ctx);
        Campus campus = Access.campus(records, p, ctx.pathParam("campusId"));
        String q = Optional.ofNullable(ctx.queryParam("q")).orElse("");
        String status = Optional.ofNullable(ctx.queryParam("status")).orElse("");
        Pages.render(ctx, "rows.jte", Map.of("rows", filter(records.enrollmentsOfCampus(campus.id()), q, status)));
    }

    /** Search by child or guardian (name or e-mail), accents and case ignored. */
    static List<Enrollment> filter(List<Enrollment> all, String q, String status) {
        String needle = fold(q);
        return all.stream()
                .filter(e -> status.isEmpty() || e.status().name().equals(status))
                .filter(e -> needle.isEmpty() || fold(e.childName()).contains(needle) || fold(e.guardianName()).contains(needle)
                        || fold(e.guardianEmail()).contains(needle) || fold(e.id()).contains(needle))
                .sorted(Comparator.comparing(Enrollment::startsOn, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    static String fold(String s) {
        return s == null ? "" : Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).trim();
    }

    private void calendarPage(Context ctx) {
        Principal p = Routes.principal(ctx);
        Campus campus = Access.campus(records, p, ctx.pathParam("campusId"));
        LocalDate from = calendar.today();
        Pages.render(ctx, "calendar.jte", Map.of("frame", frame(p, "Calendario de adaptaciones"), "campus", campus,
                "days", calendar.days(campus, from, 28)));
    }

    private void mail(Context ctx) {
        Principal p = Routes.principal(ctx);
        Campus campus = Access.campus(records, p, ctx.pathParam("campusId"));
        Map<String, Enrollment> byId = new HashMap<>();
        records.enrollmentsOfCampus(campus.id()).forEach(e -> byId.put(e.id(), e));
        List<EmailSent> sent = new ArrayList<>();
        for (String id : byId.keySet()) {
            sent.addAll(records.emailsSentFor(id));
        }
        sent.sort(Comparator.comparing(EmailSent::sentAt).reversed());
        Pages.render(ctx, "mail.jte", Map.of("frame", frame(p, "Correos"), "campus", campus,
                "sent", sent.stream().limit(200).toList(), "children", byId, "metrics", deliveries.metrics(),
                "zone", calendar.zone()));
    }

    private void enrollment(Context ctx, List<String> errors, int status) {
        Principal p = Routes.principal(ctx);
        StoredFact<Enrollment> stored = Access.enrollment(records, p, ctx.pathParam("id"));
        Enrollment e = stored.value();
        Campus campus = records.campus(e.campusId()).orElse(new Campus(e.campusId(), e.campusId(), 0));
        LocalDate today = calendar.today();
        String ok = switch (Optional.ofNullable(ctx.queryParam("ok")).orElse("")) {
            case "interview" -> "Entrevista agendada.";
            case "result" -> "Resultado de la entrevista registrado.";
            case "adaptation" -> "Adaptación agendada.";
            case "cancel" -> "Matrícula anulada.";
            default -> "";
        };
        Map<String, Object> model = new HashMap<>();
        model.put("frame", frame(p, "Matrícula " + e.id()));
        model.put("e", e);
        model.put("campus", campus);
        model.put("interview", records.interview(e.id()).orElse(null));
        model.put("adaptation", records.adaptation(e.id()).orElse(null));
        model.put("journey", records.journey(e.id()));
        model.put("alerts", records.alertsOf(e.id()));
        model.put("emails", records.emailsSentFor(e.id()));
        model.put("errors", errors);
        model.put("ok", ok);
        // from the child's first day: the rules refuse an adaptation before it (BEFORE_START)
        LocalDate from = e.startsOn() != null && e.startsOn().isAfter(today) ? e.startsOn() : today.plusDays(1);
        model.put("nextFree", calendar.nextFree(campus, from, 5));
        model.put("zone", calendar.zone());
        ctx.status(status);
        Pages.render(ctx, "enrollment.jte", model);
    }

    private void command(Context ctx, String action) {
        Principal p = Routes.principal(ctx);
        String id = Access.enrollment(records, p, ctx.pathParam("id")).id();
        Command command;
        try {
            command = switch (action) {
                case "interview" -> new ScheduleInterview(id, dateTime(ctx.formParam("at")), p.name());
                case "result" -> new RecordInterview(id, "true".equals(ctx.formParam("attended")), p.name());
                case "adaptation" -> new ScheduleAdaptation(id, date(ctx.formParam("startsOn")), p.name(), days(ctx.formParam("days")));
                case "cancel" -> new CancelEnrollment(id, ctx.formParam("reason"), p.name());
                default -> throw new IllegalStateException(action);
            };
        } catch (BadRequestException bad) {
            enrollment(ctx, List.of(bad.getMessage()), 400);
            return;
        }
        CommandOutcome outcome = service.handle(command);
        if (outcome.rejected()) {
            enrollment(ctx, outcome.rejections().stream().map(Spanish::rejection).toList(), 422);
            return;
        }
        ctx.redirect("/ui/enrollments/" + id + "?ok=" + action, HttpStatus.SEE_OTHER);
    }

    private java.time.Instant dateTime(String value) {
        try {
            return LocalDateTime.parse(value == null ? "" : value).atZone(calendar.zone()).toInstant();
        } catch (DateTimeParseException ex) {
            throw new BadRequestException("at", "Indique fecha y hora de la entrevista (por ejemplo 2023-03-02T10:00).");
        }
    }

    /** The child's adaptation length, blank for the campus's. */
    private static Integer days(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int days = Integer.parseInt(value.trim());
            if (days < 1 || days > ScheduleAdaptation.MAX_DAYS) {
                throw new NumberFormatException();
            }
            return days;
        } catch (NumberFormatException e) {
            throw new BadRequestException("days", "La duración de la adaptación debe ser de 1 a " + ScheduleAdaptation.MAX_DAYS + " días hábiles.");
        }
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value == null ? "" : value);
        } catch (DateTimeParseException ex) {
            throw new BadRequestException("startsOn", "Indique el primer día de la adaptación (por ejemplo 2023-03-06).");
        }
    }
}
