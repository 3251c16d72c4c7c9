package io.regla.adapters.http;

import io.regla.adapters.mailchimp.metrics.TemplateWeekMetrics;
import io.regla.adapters.mailchimp.webhook.MandrillEvent;
import io.regla.adapters.mailchimp.webhook.MandrillWebhook;
import io.regla.adapters.mailchimp.webhook.WebhookRejectedException;
import io.regla.adapters.mailchimp.metrics.DeliveryEventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /webhooks/mandrill}: Mandrill's event batches, signature checked, events recorded (401 on a bad
 * signature, 400 on a malformed batch; Mandrill's HEAD/GET probe when the webhook is created gets a 200).
 * {@code GET /metrics/mailing[?template=..&week=2023-W10]}: delivery metrics per template and ISO week.
 */
final class MandrillRoutes {

    static final String WEBHOOK = "/webhooks/mandrill";
    static final String METRICS = "/metrics/mailing";
    private static final Logger LOG = LoggerFactory.getLogger(MandrillRoutes.class);

    private final MandrillWebhook webhook;
    private final DeliveryEventLog events;

    MandrillRoutes(MandrillWebhook webhook, DeliveryEventLog events) {
        this.webhook = webhook;
        this.events = events;
    }

    HttpResponse webhook(HttpRequest request) {
        if ("HEAD".equals(request.method()) || "GET".equals(request.method())) {
            return HttpResponse.ok(Map.of("status", "ready"));
        }
        if (!"POST".equals(request.method())) {
            return HttpResponse.error(405, "use POST");
        }
        try {
            List<MandrillEvent> received = webhook.receive(MandrillWebhook.parseForm(request.body()),
                    request.header(MandrillWebhook.SIGNATURE_HEADER));
            int added = events.record(received);
            LOG.debug("mandrill webhook: {} events, {} new", received.size(), added);
            return HttpResponse.ok(Map.of("received", received.size(), "recorded", added));
        } catch (WebhookRejectedException e) {
            LOG.warn("mandrill webhook refused: {}", e.getMessage());
            return e.reason() == WebhookRejectedException.Reason.BAD_SIGNATURE
                    ? HttpResponse.error(401, e.getMessage())
                    : HttpResponse.error(400, e.getMessage());
        }
    }

    HttpResponse metrics(HttpRequest request) {
        if (!"GET".equals(request.method())) {
            return HttpResponse.error(405, "use GET");
        }
        String week = request.query("week");
        if (week != null && !week.matches("\\d{4}-W\\d{2}")) {
            throw new BadRequestException("week", "query parameter 'week' must be an ISO week such as 2023-W10; got '" + week + "'");
        }
        return HttpResponse.ok(events.metrics(request.query("template"), week).stream().map(MandrillRoutes::row).toList());
    }

    private static Map<String, Object> row(TemplateWeekMetrics m) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("template", m.template());
        row.put("week", m.isoWeek());
        row.put("sent", m.sent());
        row.put("delivered", m.delivered());
        row.put("bounces", m.bounces());
        row.put("unique_opens", m.uniqueOpens());
        row.put("unique_clicks", m.uniqueClicks());
        row.put("open_rate", m.openRate());
        row.put("click_rate", m.clickRate());
        return row;
    }
}
