package io.regla.adapters.mailchimp.transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regla.api.PersonalData;
import io.regla.api.spi.DeliveryException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Turns Mandrill's error answers into {@link DeliveryException}s. Mandrill answers errors with one object
 * {@code {"status":"error","code":-1,"name":"Invalid_Key","message":"..."}}, usually under HTTP 500 whatever
 * the cause, so the {@code name}, not the HTTP status, says whether a retry can help.
 */
final class MandrillErrors {

    /** Errors no retry can fix: a wrong key, a bad request, a template or account that does not exist. */
    static final Set<String> PERMANENT = Set.of("Invalid_Key", "ValidationError", "Unknown_Template",
            "Unknown_Subaccount", "PaymentRequired", "Unknown_Message", "Invalid_Template");
    /** Errors Mandrill itself reports as transient. */
    static final Set<String> RETRYABLE = Set.of("GeneralError", "ServiceUnavailable");

    private MandrillErrors() {
    }

    static DeliveryException fromResponse(String call, int httpStatus, String body, Optional<String> retryAfterHeader,
                                          ObjectMapper json) {
        Optional<JsonNode> error = parseError(body, json);
        String name = error.map(e -> e.path("name").asText(null)).orElse(null);
        String text = error.map(e -> e.path("message").asText("")).map(PersonalData::maskEmailsIn).orElse("");
        String message = "Mandrill " + call + " failed: HTTP " + httpStatus
                + (name == null ? "" : " " + name) + (text.isEmpty() ? "" : ": " + text);
        if (httpStatus == 429) {
            return new DeliveryException(message, true, retryAfter(retryAfterHeader), name == null ? "429" : name, false, null);
        }
        if (name != null) {
            if (PERMANENT.contains(name)) {
                return DeliveryException.permanent(name, message);
            }
            if (RETRYABLE.contains(name) || httpStatus >= 500) {
                return DeliveryException.retryable(name, message, retryAfter(retryAfterHeader));
            }
            return DeliveryException.permanent(name, message);
        }
        if (httpStatus >= 500) {
            // Not Mandrill's own error object: a gateway answered, and the API behind it may have sent the mail.
            return new DeliveryException(message, true, retryAfter(retryAfterHeader), "HTTP_" + httpStatus, true, null);
        }
        return DeliveryException.permanent("HTTP_" + httpStatus, message);
    }

    /**
     * A network failure. A refused connection never reached Mandrill; a timeout or a broken connection after
     * the request went out may have sent the mail, so the outbox must reconcile before retrying.
     */
    static DeliveryException fromIo(String call, IOException e) {
        if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
            return new DeliveryException("Mandrill " + call + ": cannot connect (" + e.getMessage() + ")",
                    true, null, "CONNECT", false, e);
        }
        String code = e instanceof HttpTimeoutException ? "TIMEOUT" : "IO";
        return new DeliveryException("Mandrill " + call + ": no answer (" + e.getClass().getSimpleName() + ")",
                true, null, code, true, e);
    }

    private static Optional<JsonNode> parseError(String body, ObjectMapper json) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() && "error".equals(node.path("status").asText()) ? Optional.of(node) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    private static Duration retryAfter(Optional<String> header) {
        return header.flatMap(h -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(h.trim())));
            } catch (NumberFormatException httpDate) {
                return Optional.empty();
            }
        }).orElse(null);
    }
}
