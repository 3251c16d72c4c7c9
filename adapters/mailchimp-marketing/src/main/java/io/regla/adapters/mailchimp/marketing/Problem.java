package io.regla.adapters.mailchimp.marketing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regla.api.PersonalData;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Mailchimp's {@code application/problem+json} error: {@code {type, title, status, detail, instance, errors?}}.
 * Addresses Mailchimp echoes in {@code detail} are masked on reading, so no message built from it leaks one.
 */
record Problem(int status, String title, String detail, List<FieldError> errors) {

    record FieldError(String field, String message) {
    }

    static Problem parse(int httpStatus, String body, ObjectMapper json) {
        JsonNode node = null;
        try {
            node = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (IOException notJson) {
            // a proxy's HTML page: keep the HTTP status only
        }
        if (node == null || !node.isObject()) {
            return new Problem(httpStatus, "HTTP " + httpStatus, "", List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        node.path("errors").forEach(e -> errors.add(new FieldError(e.path("field").asText(""),
                PersonalData.maskEmailsIn(e.path("message").asText("")))));
        return new Problem(node.path("status").asInt(httpStatus), node.path("title").asText("HTTP " + httpStatus),
                PersonalData.maskEmailsIn(node.path("detail").asText("")), List.copyOf(errors));
    }

    boolean isComplianceState() {
        return status == 400 && "Member In Compliance State".equalsIgnoreCase(title);
    }

    /**
     * "Invalid Resource" about the address itself ("... looks fake or invalid, please enter a real email address",
     * "Please provide a valid email address", a field error on {@code email_address}), not about merge fields or
     * sign-up frequency.
     */
    boolean isInvalidAddress() {
        if (status != 400 || !"Invalid Resource".equalsIgnoreCase(title)) {
            return false;
        }
        if (errors.stream().anyMatch(e -> e.field().equals("email_address"))) {
            return true;
        }
        String d = detail.toLowerCase(java.util.Locale.ROOT);
        return d.contains("looks fake") || (d.contains("email address") && (d.contains("invalid") || d.contains("valid email")));
    }

    String describe() {
        StringBuilder s = new StringBuilder(status + " " + title);
        if (!detail.isEmpty()) {
            s.append(": ").append(detail);
        }
        errors.forEach(e -> s.append(" [").append(e.field()).append(": ").append(e.message()).append(']'));
        return s.toString();
    }
}
