package io.regla.adapters.http.nursery;

import io.javalin.http.Context;
import io.regla.adapters.http.HttpError;
import io.regla.adapters.http.JsonBody;
import io.regla.adapters.http.Principal;
import io.regla.adapters.http.Role;
import io.regla.adapters.http.Routes;
import io.regla.adapters.http.WebServer;
import io.regla.api.action.Rejection;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.admissions.CommandOutcome;
import io.regla.rules.nursery.admissions.NurseryRecords;
import io.regla.rules.nursery.admissions.NurseryService;
import io.regla.rules.scheduling.CancelEnrollment;
import io.regla.rules.scheduling.Command;
import io.regla.rules.scheduling.RecordInterview;
import io.regla.rules.scheduling.ScheduleAdaptation;
import io.regla.rules.scheduling.ScheduleInterview;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nursery's JSON API (for ADMIN and DIRECTOR; a director only within her campuses):
 * <pre>
 * GET  /campuses                                  the campuses the caller may see
 * GET  /campuses/{campusId}/enrollments[?status=] the campus's enrolments
 * GET  /enrollments/{id}                          one enrolment with its interview, adaptation, journey and alerts
 * POST /enrollments/{id}/interview                {"at": "2023-03-02T10:00:00-03:00"}
 * POST /enrollments/{id}/interview/result         {"attended": true}
 * POST /enrollments/{id}/adaptation               {"startsOn": "2023-03-06", "days": 8}   (days: optional, this child's length)
 * POST /enrollments/{id}/cancel                   {"reason": "..."}
 * </pre>
 * The command's {@code by} is the signed-in user (a {@code by} in the body is ignored). A command the rules refuse
 * is a 422 whose error code is the rejection's ({@code CAPACITY_FULL}, ...), with every rejection listed.
 */
final class NurseryApi {

    private final NurseryService service;

    NurseryApi(NurseryService service) {
        this.service = service;
    }

    void register(Routes routes, Role... roles) {
        routes.get("/campuses", this::campuses, roles);
        routes.get("/campuses/{campusId}/enrollments", this::campusEnrollments, roles);
        routes.get("/enrollments/{id}", this::enrollment, roles);
        routes.post("/enrollments/{id}/interview", ctx -> command(ctx, (id, body, by) -> new ScheduleInterview(id, body.requiredInstant("at"), by)), roles);
        routes.post("/enrollments/{id}/interview/result", ctx -> command(ctx, (id, body, by) -> new RecordInterview(id, body.requiredBoolean("attended"), by)), roles);
        routes.post("/enrollments/{id}/adaptation", ctx -> command(ctx, (id, body, by) -> new ScheduleAdaptation(id, body.requiredDate("startsOn"), by, body.optionalInt("days"))), roles);
        routes.post("/enrollments/{id}/cancel", ctx -> command(ctx, (id, body, by) -> new CancelEnrollment(id, body.optionalText("reason"), by)), roles);
    }

    private void campuses(Context ctx) {
        Principal p = Routes.principal(ctx);
        ctx.json(Map.of("campuses", service.records().campuses().stream().filter(c -> p.covers(c.id())).toList()));
    }

    private void campusEnrollments(Context ctx) {
        Principal p = Routes.principal(ctx);
        NurseryRecords records = service.records();
        String campusId = Access.campus(records, p, ctx.pathParam("campusId")).id();
        String status = ctx.queryParam("status");
        List<Enrollment> list = records.enrollmentsOfCampus(campusId).stream()
                .filter(e -> status == null || e.status().name().equalsIgnoreCase(status)).toList();
        ctx.json(Map.of("campusId", campusId, "enrollments", list));
    }

    private void enrollment(Context ctx) {
        Principal p = Routes.principal(ctx);
        NurseryRecords records = service.records();
        var stored = Access.enrollment(records, p, ctx.pathParam("id"));
        String id = stored.id();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enrollment", stored.value());
        body.put("version", stored.version());
        body.put("interview", records.interview(id).orElse(null));
        body.put("adaptation", records.adaptation(id).orElse(null));
        body.put("journey", records.journey(id));
        body.put("alerts", records.alertsOf(id));
        body.put("emailsSent", records.emailsSentFor(id));
        ctx.json(body);
    }

    interface CommandOf {
        Command make(String enrollmentId, JsonBody body, String by);
    }

    private void command(Context ctx, CommandOf of) {
        Principal p = Routes.principal(ctx);
        String id = Access.enrollment(service.records(), p, ctx.pathParam("id")).id();
        JsonBody body = JsonBody.parse(WebServer.JSON, ctx.body());
        CommandOutcome outcome = service.handle(of.make(id, body, p.name()));
        if (outcome.rejected()) {
            throw rejected(outcome);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("enrollment", outcome.enrollment());
        answer.put("transitions", outcome.transitions());
        answer.put("alerts", outcome.alerts());
        answer.put("emailsEnqueued", outcome.enqueued());
        ctx.json(answer);
    }

    static HttpError rejected(CommandOutcome outcome) {
        Rejection first = outcome.rejections().get(0);
        return new HttpError(422, first.code(), first.message(),
                Map.of("command", first.command(), "rejections", outcome.rejections()));
    }
}
