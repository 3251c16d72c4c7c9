package io.regla.adapters.hubspot.advising;

import io.regla.adapters.http.RouteExtension;
import io.regla.adapters.http.RouteExtensionFactory;
import io.regla.adapters.http.ServeContext;
import io.regla.adapters.hubspot.HubSpotConfig;
import io.regla.adapters.hubspot.HubSpotHttp;
import io.regla.adapters.hubspot.crm.HubSpotCrm;
import io.regla.adapters.hubspot.email.HubSpotMailer;
import io.regla.adapters.hubspot.webhook.SignatureV3;
import io.regla.core.Regla;
import io.regla.rules.advising.Enrolment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Serves {@link HubSpotWebhookRoute} in {@code regla serve} when HubSpot is configured in the environment:
 * {@code HUBSPOT_TOKEN} (private app), {@code HUBSPOT_APP_SECRET} (signs the webhooks),
 * {@code HUBSPOT_ENROLMENT_EMAIL_ID} (the enrolment e-mail) and {@code REGLA_PUBLIC_URL} (the URL HubSpot calls,
 * which it signs). Without them the route is off and the server says so once.
 */
public final class HubSpotWebhookRouteFactory implements RouteExtensionFactory {

    static final List<String> REQUIRED = List.of(HubSpotConfig.ENV_TOKEN, "HUBSPOT_APP_SECRET",
            "HUBSPOT_ENROLMENT_EMAIL_ID", "REGLA_PUBLIC_URL");
    private static final Logger log = LoggerFactory.getLogger(HubSpotWebhookRouteFactory.class);

    @Override
    public List<RouteExtension> create(ServeContext context) {
        List<String> missing = REQUIRED.stream().filter(n -> context.env(n).isEmpty()).toList();
        if (!missing.isEmpty()) {
            log.info("HubSpot webhook {} is off: set {}", HubSpotWebhookRoute.PATH, String.join(", ", missing));
            return List.of();
        }
        long emailId;
        URI publicUrl;
        try {
            emailId = Long.parseLong(context.env("HUBSPOT_ENROLMENT_EMAIL_ID").orElseThrow());
            publicUrl = URI.create(context.env("REGLA_PUBLIC_URL").orElseThrow());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HubSpot webhook configuration: " + e.getMessage(), e);
        }
        HubSpotHttp http = new HubSpotHttp(HubSpotConfig.fromEnvironment(context.environment()));
        // The advising rules compile on first use in this engine; the server's own engine serves the nursery.
        AdvisingSync sync = new AdvisingSync(Regla.builder().bundledRules().clock(context.clock()).build(),
                new HubSpotCrm(http), new HubSpotMailer(http, Map.of(Enrolment.TEMPLATE, emailId)),
                context.store(), context.clock(), AdvisingSync.Properties.defaults());
        SignatureV3 signature = new SignatureV3(context.env("HUBSPOT_APP_SECRET").orElseThrow(), context.clock());
        log.info("HubSpot webhook on {} (signed for {})", HubSpotWebhookRoute.PATH, publicUrl);
        return List.of(new HubSpotWebhookRoute(new WorkflowWebhook(signature), sync, publicUrl));
    }
}
