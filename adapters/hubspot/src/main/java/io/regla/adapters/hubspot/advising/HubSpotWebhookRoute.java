package io.regla.adapters.hubspot.advising;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.regla.adapters.http.HttpError;
import io.regla.adapters.http.RouteModule;
import io.regla.adapters.http.Routes;
import io.regla.adapters.hubspot.HubSpotException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The webhook trigger of the advising flow as a route of the HTTP adapter: a HubSpot workflow's webhook
 * action posts the deal here; a bad or stale {@code X-HubSpot-Signature-v3} is a 401 and changes nothing,
 * a good one processes the named deals at once (the poller's cursor is left alone, and a deal the poller
 * meets again later changes nothing, since processing is idempotent).
 *
 * <p>When a HubSpot call fails while processing, the answer follows HubSpot's webhook retry contract (workflows
 * retry a connection failure, a timeout and any 5xx for up to three days, starting a minute later; they never
 * retry a 4xx except a 429, after the {@code Retry-After} it carries, in milliseconds):
 * <ul>
 *   <li>retryable with a retry-after (HubSpot's own rate limit): 429 with {@code Retry-After} in milliseconds, so
 *       HubSpot comes back when its allowance is there again;</li>
 *   <li>retryable without one (HubSpot's 5xx, no answer): 503, which HubSpot retries on its own schedule;</li>
 *   <li>permanent (a refusal HubSpot would repeat): 422, which HubSpot does not retry; the error is logged with
 *       its correlation id and the poller still passes over the deal.</li>
 * </ul>
 * Retrying is then HubSpot's job, not this route's: it answers at once and re-processing is idempotent.
 *
 * <p>HubSpot signs the full URL it called, so the route needs the public base URL the server is reached at
 * ({@code https://regla.example.edu.co}); behind a proxy the server only sees the path.
 */
public final class HubSpotWebhookRoute implements RouteModule {

    public static final String PATH = "/webhooks/hubspot";
    static final String RETRY_AFTER = "Retry-After";
    private static final Logger log = LoggerFactory.getLogger(HubSpotWebhookRoute.class);

    private final WorkflowWebhook webhook;
    private final AdvisingSync sync;
    private final URI publicBase;
    private final boolean routesDeals;

    public HubSpotWebhookRoute(WorkflowWebhook webhook, AdvisingSync sync, URI publicBase) {
        this(webhook, sync, publicBase, true);
    }

    /**
     * @param routesDeals false when the enrolment e-mail is not configured: deals a workflow's webhook names are then
     *                    acknowledged and left to the poller ({@code regla advising sync}), which would otherwise send
     *                    their enrolment e-mail without a template; contacts who change faculty are moved either way
     */
    public HubSpotWebhookRoute(WorkflowWebhook webhook, AdvisingSync sync, URI publicBase, boolean routesDeals) {
        this.routesDeals = routesDeals;
        this.webhook = webhook;
        this.sync = sync;
        String base = publicBase.toString();
        this.publicBase = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    @Override
    public void register(Routes routes) {
        // outside sign-in: the v3 signature over the exact method, URL, body and timestamp is the authentication
        routes.open(HandlerType.POST, PATH, this::handle);
    }

    private void handle(Context ctx) {
        String query = ctx.queryString();
        String body = ctx.body();
        WorkflowWebhook.Events events;
        try {
            events = webhook.read("POST", publicBase + ctx.path() + (query == null ? "" : "?" + query), body,
                    ctx.header(io.regla.adapters.hubspot.webhook.SignatureV3.SIGNATURE_HEADER),
                    ctx.header(io.regla.adapters.hubspot.webhook.SignatureV3.TIMESTAMP_HEADER));
        } catch (WorkflowWebhook.Rejected e) {
            log.warn("HubSpot webhook refused: {}", e.outcome());
            // A valid signature over a body without a deal is the caller's mistake (400); anything else 401.
            throw e.outcome() == io.regla.adapters.hubspot.webhook.SignatureV3.Outcome.VALID
                    ? HttpError.badRequest(null, e.getMessage())
                    : new HttpError(401, "BAD_SIGNATURE", "signature refused");
        }
        List<String> dealIds = events.dealIds();
        if (!routesDeals && !dealIds.isEmpty()) {
            log.warn("HubSpot webhook named {} deal(s); without HUBSPOT_ENROLMENT_EMAIL_ID they are left to `regla advising sync`",
                    dealIds.size());
            dealIds = List.of();
        }
        SyncReport report;
        try {
            report = dealIds.isEmpty() ? null : sync.processDeals(dealIds);
            if (!events.facultyChanges().isEmpty()) {
                SyncReport changes = sync.processFacultyChanges(events.facultyChanges());
                report = report == null ? changes : report.plus(changes);
            }
            if (report == null) report = new SyncReport(0, 0, 0, 0, 0, 0, List.of(), Map.of(), null, null, 0);
        } catch (HubSpotException e) {
            throw failed(ctx, dealIds, e);
        }
        ctx.json(Map.of("deals", dealIds.size(), "facultyChanges", report.facultyChanges(), "ownerChanges", report.ownerChanges(),
                "emailsQueued", report.emailsQueued(), "noticesQueued", report.noticesQueued(),
                "alerts", report.alerts().size()));
    }

    /** The answer that makes HubSpot retry the webhook when a retry may help, and stop when it cannot. */
    static HttpError failed(Context ctx, List<String> dealIds, HubSpotException e) {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("category", e.category());
        if (e.correlationId() != null) details.put("correlationId", e.correlationId());
        if (!e.retryable()) {
            log.error("HubSpot webhook for {} deal(s) failed for good: {}", dealIds.size(), e.getMessage());
            return new HttpError(422, "HUBSPOT_REFUSED", "HubSpot refused: " + e.category(), details);
        }
        log.warn("HubSpot webhook for {} deal(s) failed for now, HubSpot will call again: {}", dealIds.size(), e.getMessage());
        if (e.retryAfter() != null) {
            // HubSpot's workflows read a 429's Retry-After in milliseconds (not the seconds of RFC 9110).
            details.put("retryAfterMillis", e.retryAfter().toMillis());
            ctx.header(RETRY_AFTER, String.valueOf(e.retryAfter().toMillis()));
            return new HttpError(429, "HUBSPOT_RATE_LIMIT", "HubSpot rate limit: call again later", details);
        }
        return new HttpError(503, "HUBSPOT_UNAVAILABLE", "HubSpot unavailable: call again later", details);
    }
}
