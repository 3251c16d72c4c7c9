package io.regla.adapters.http.mandrill;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.regla.adapters.http.BadRequestException;
import io.regla.adapters.http.HttpError;
import io.regla.adapters.http.Role;
import io.regla.adapters.http.RouteModule;
import io.regla.adapters.http.Routes;
import io.regla.adapters.mailchimp.metrics.DeliveryEventLog;
import io.regla.adapters.mailchimp.metrics.TemplateWeekMetrics;
import io.regla.adapters.mailchimp.webhook.MandrillEvent;
import io.regla.adapters.mailchimp.webhook.MandrillWebhook;
import io.regla.adapters.mailchimp.webhook.WebhookRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /webhooks/mandrill}: Mandrill's event batches, outside sign-in: the {@code X-Mandrill-Signature} is
 * the authentication (401 when it fails, 400 on a malformed batch; Mandrill's HEAD/GET probe gets a 200).
 * {@code GET /metrics/mailing[?template=..&week=2023-W10]} (signed in, any of the given roles): delivery metrics per
 * template and ISO week.
 */
public final class MandrillModule implements RouteModule {

    public static final String WEBHOOK = "/webhooks/mandrill";
    public static final String METRICS = "/metrics/mailing";
    private static final Logger LOG = LoggerFactory.getLogger(MandrillModule.class);

    private final MandrillWebhook webhook;
    private final DeliveryEventLog events;
    private final Role[] metricsRoles;

    public MandrillModule(MandrillWebhook webhook, DeliveryEventLog events, Role... metricsRoles) {
        this.webhook = webhook;
        this.events = events;
        this.metricsRoles = metricsRoles.length == 0 ? new Role[]{Role.ADMIN} : metricsRoles;
    }

    @Override
    public void register(Routes routes) {
        routes.open(HandlerType.HEAD, WEBHOOK, ctx -> ctx.status(200));
        routes.open(HandlerType.GET, WEBHOOK, ctx -> ctx.json(Map.of("status", "ready")));
        routes.open(HandlerType.POST, WEBHOOK, this::receive);
        routes.get(METRICS, this::metrics, metricsRoles);
    }

    private void receive(Context ctx) {
        try {
            List<MandrillEvent> received = webhook.receive(MandrillWebhook.parseForm(ctx.body()),
                    ctx.header(MandrillWebhook.SIGNATURE_HEADER));
            int added = events.record(received);
            LOG.debug("mandrill webhook: {} events, {} new", received.size(), added);
            ctx.json(Map.of("received", received.size(), "recorded", added));
        } catch (WebhookRejectedException e) {
            LOG.warn("mandrill webhook refused: {}", e.getMessage());
            throw e.reason() == WebhookRejectedException.Reason.BAD_SIGNATURE
                    ? new HttpError(401, "BAD_SIGNATURE", e.getMessage())
                    : HttpError.badRequest(null, e.getMessage());
        }
    }

    private void metrics(Context ctx) {
        String week = ctx.queryParam("week");
        if (week != null && !week.matches("\\d{4}-W\\d{2}")) {
            throw new BadRequestException("week", "query parameter 'week' must be an ISO week such as 2023-W10; got '" + week + "'");
        }
        ctx.json(events.metrics(ctx.queryParam("template"), week).stream().map(MandrillModule::row).toList());
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
