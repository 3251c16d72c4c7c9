package io.regla.adapters.hubspot.advising;

import io.regla.adapters.http.HttpRequest;
import io.regla.adapters.http.HttpResponse;
import io.regla.adapters.http.RouteExtension;
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
 * <p>HubSpot signs the full URL it called, so the route needs the public base URL the server is reached at
 * ({@code https://regla.example.edu.co}); behind a proxy the server only sees the path.
 */
public final class HubSpotWebhookRoute implements RouteExtension {

    public static final String PATH = "/webhooks/hubspot";
    private static final Logger log = LoggerFactory.getLogger(HubSpotWebhookRoute.class);

    private final WorkflowWebhook webhook;
    private final AdvisingSync sync;
    private final URI publicBase;

    public HubSpotWebhookRoute(WorkflowWebhook webhook, AdvisingSync sync, URI publicBase) {
        this.webhook = webhook;
        this.sync = sync;
        String base = publicBase.toString();
        this.publicBase = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        if (!"POST".equals(request.method())) return HttpResponse.error(405, "POST only");
        List<String> dealIds;
        try {
            dealIds = webhook.dealIds(request.method(), publicBase + request.uri().toString(), request.body(),
                    request.header(io.regla.adapters.hubspot.webhook.SignatureV3.SIGNATURE_HEADER),
                    request.header(io.regla.adapters.hubspot.webhook.SignatureV3.TIMESTAMP_HEADER));
        } catch (WorkflowWebhook.Rejected e) {
            log.warn("HubSpot webhook refused: {}", e.outcome());
            // A valid signature over a body without a deal is the caller's mistake (400); anything else 401.
            return e.outcome() == io.regla.adapters.hubspot.webhook.SignatureV3.Outcome.VALID
                    ? HttpResponse.error(400, e.getMessage())
                    : HttpResponse.error(401, "signature refused");
        }
        SyncReport report = sync.processDeals(dealIds);
        return HttpResponse.ok(Map.of("deals", dealIds.size(), "ownerChanges", report.ownerChanges(),
                "emailsQueued", report.emailsQueued(), "noticesQueued", report.noticesQueued(),
                "alerts", report.alerts().size()));
    }
}
