package io.regla.adapters.hubspot.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regla.adapters.hubspot.HubSpotException;
import io.regla.adapters.hubspot.HubSpotHttp;
import io.regla.api.PersonalData;
import io.regla.api.spi.DeliveryException;
import io.regla.api.spi.Mailer;
import io.regla.api.spi.OutgoingEmail;
import io.regla.api.spi.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sends through HubSpot's transactional single-send API ({@code POST /marketing/v3/transactional/single-email/send})
 * with {@code sendId} = the outbox key: HubSpot sends at most one e-mail per {@code sendId}, so a retry after an
 * uncertain failure cannot send twice ({@link #idempotent()} is true). One HTTP call per send: the outbox retries.
 */
public final class HubSpotMailer implements Mailer {

    private static final Logger log = LoggerFactory.getLogger(HubSpotMailer.class);
    /** Results meaning HubSpot took the e-mail (or already had it under this sendId). */
    private static final Set<String> ACCEPTED = Set.of("SENT", "QUEUED", "IDEMPOTENT_IGNORE");
    /** Results that a later attempt may turn into a send. */
    private static final Set<String> RETRY = Set.of("THROTTLED", "PORTAL_SUSPENDED");

    private final HubSpotHttp http;
    private final Map<String, Long> emailIds;

    /**
     * @param emailIds the HubSpot email (content) id of each template name, such as
     *                 {@code "Notificación Inscripción [Ficha técnica]" -> 123456789}
     */
    public HubSpotMailer(HubSpotHttp http, Map<String, Long> emailIds) {
        this.http = http;
        this.emailIds = Map.copyOf(emailIds);
    }

    @Override
    public String name() {
        return "hubspot";
    }

    @Override
    public boolean idempotent() {
        return true;
    }

    @Override
    public SendResult send(OutgoingEmail email) {
        Long emailId = emailIds.get(email.template());
        if (emailId == null) {
            throw DeliveryException.permanent("UNKNOWN_TEMPLATE", "no HubSpot email id configured for template '"
                    + email.template() + "' (key " + email.key() + ")");
        }
        ObjectNode body = http.json().createObjectNode();
        body.put("emailId", emailId);
        ObjectNode message = body.putObject("message");
        message.put("to", email.to());
        message.put("sendId", email.key());
        ObjectNode custom = body.putObject("customProperties");
        new TreeMap<>(email.mergeFields()).forEach(custom::put);
        JsonNode response;
        try {
            response = http.callNonIdempotent("POST", "/marketing/v3/transactional/single-email/send", body);
        } catch (HubSpotException e) {
            log.warn("hubspot send key={} to={} failed: {}", email.key(), PersonalData.maskEmail(email.to()), e.getMessage());
            throw e;
        }
        String result = response.path("sendResult").asText("");
        String statusId = response.path("statusId").asText(null);
        SendResult out;
        if (result.isEmpty() || ACCEPTED.contains(result)) {
            // No sendResult yet: HubSpot queued it (status PENDING/PROCESSING) and reports through send-statuses.
            out = new SendResult(SendResult.Status.ACCEPTED, statusId, result.isEmpty() ? response.path("status").asText("PENDING") : result);
        } else if (RETRY.contains(result)) {
            throw DeliveryException.retryable(result, "HubSpot did not send key " + email.key() + ": " + result, null);
        } else {
            out = new SendResult(SendResult.Status.REJECTED, statusId, result);
        }
        log.debug("hubspot send key={} template={} to={} -> {} {}", email.key(), email.template(),
                PersonalData.maskEmail(email.to()), out.status(), out.detail());
        return out;
    }

    /**
     * Always empty: HubSpot has no search by {@code sendId}, and none is needed, since a resend under the same
     * {@code sendId} is answered {@code IDEMPOTENT_IGNORE} instead of a second e-mail.
     */
    @Override
    public Optional<SendResult> lookup(String key) {
        return Optional.empty();
    }
}
