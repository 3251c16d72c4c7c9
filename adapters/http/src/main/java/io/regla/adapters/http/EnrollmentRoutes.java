package io.regla.adapters.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regla.rules.nursery.admissions.CommandOutcome;
import io.regla.rules.nursery.admissions.NurseryRecords;
import io.regla.rules.nursery.admissions.NurseryService;
import io.regla.api.action.Rejection;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.scheduling.CancelEnrollment;
import io.regla.rules.scheduling.Command;
import io.regla.rules.scheduling.RecordInterview;
import io.regla.rules.scheduling.ScheduleAdaptation;
import io.regla.rules.scheduling.ScheduleInterview;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The back-office API over the {@link NurseryService}:
 * <pre>
 * GET  /campuses/{campusId}/enrollments          the campus's enrolments
 * GET  /enrollments/{id}                         one enrolment with its interview, adaptation and journey
 * POST /enrollments/{id}/interview               {"at": "2023-03-02T10:00:00-03:00", "by": "director"}
 * POST /enrollments/{id}/interview/result        {"attended": true, "by": "director"}
 * POST /enrollments/{id}/adaptation              {"startsOn": "2023-03-06", "by": "director"}
 * POST /enrollments/{id}/cancel                  {"reason": "...", "by": "director"}
 * </pre>
 * A command the rules refuse is a 422 with the rejection's {@code code} and {@code message}.
 */
final class EnrollmentRoutes {

    static final Pattern CAMPUS_ENROLLMENTS = Pattern.compile("/campuses/([^/]+)/enrollments");
    static final Pattern ENROLLMENT = Pattern.compile("/enrollments/([^/#]+)(/interview|/interview/result|/adaptation|/cancel)?");

    private final NurseryService service;
    private final ObjectMapper json;

    EnrollmentRoutes(NurseryService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    HttpResponse campusEnrollments(HttpRequest request, Matcher m) {
        if (!"GET".equals(request.method())) {
            return HttpResponse.error(405, "use GET");
        }
        String campusId = m.group(1);
        NurseryRecords records = service.records();
        if (records.campus(campusId).isEmpty()) {
            return HttpResponse.error(404, "there is no campus '" + campusId + "'");
        }
        String status = request.query("status");
        List<Enrollment> list = records.enrollmentsOfCampus(campusId).stream()
                .filter(e -> status == null || e.status().name().equalsIgnoreCase(status)).toList();
        return HttpResponse.ok(Map.of("campusId", campusId, "enrollments", list));
    }

    HttpResponse enrollment(HttpRequest request, Matcher m) {
        String id = m.group(1);
        String action = m.group(2);
        if (action == null) {
            if (!"GET".equals(request.method())) {
                return HttpResponse.error(405, "use GET");
            }
            NurseryRecords records = service.records();
            var enrollment = records.enrollment(id);
            if (enrollment.isEmpty()) {
                return HttpResponse.error(404, "there is no enrolment '" + id + "'");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("enrollment", enrollment.get().value());
            body.put("version", enrollment.get().version());
            body.put("interview", records.interview(id).orElse(null));
            body.put("adaptation", records.adaptation(id).orElse(null));
            body.put("journey", records.journey(id));
            body.put("alerts", records.alertsOf(id));
            return HttpResponse.ok(body);
        }
        if (!"POST".equals(request.method())) {
            return HttpResponse.error(405, "use POST");
        }
        JsonBody body = JsonBody.parse(json, request.body());
        Command command = switch (action) {
            case "/interview" -> new ScheduleInterview(id, body.requiredInstant("at"), body.requiredText("by"));
            case "/interview/result" -> new RecordInterview(id, body.requiredBoolean("attended"), body.requiredText("by"));
            case "/adaptation" -> new ScheduleAdaptation(id, body.requiredDate("startsOn"), body.requiredText("by"));
            case "/cancel" -> new CancelEnrollment(id, body.optionalText("reason"), body.requiredText("by"));
            default -> throw new IllegalStateException("unrouted " + action);
        };
        return answer(service.handle(command));
    }

    private static HttpResponse answer(CommandOutcome outcome) {
        if (outcome.rejected()) {
            Rejection first = outcome.rejections().get(0);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", first.code());
            body.put("message", first.message());
            body.put("command", first.command());
            body.put("rejections", outcome.rejections());
            return new HttpResponse(422, body);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enrollment", outcome.enrollment());
        body.put("transitions", outcome.transitions());
        body.put("alerts", outcome.alerts());
        body.put("emailsEnqueued", outcome.enqueued());
        return HttpResponse.ok(body);
    }
}
