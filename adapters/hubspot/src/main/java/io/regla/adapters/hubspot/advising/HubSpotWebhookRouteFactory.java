package io.regla.adapters.hubspot.advising;

import io.regla.adapters.http.RouteModule;
import io.regla.adapters.http.RouteModuleFactory;
import io.regla.adapters.http.ServeContext;
import io.regla.adapters.hubspot.HubSpotConfig;
import io.regla.adapters.hubspot.HubSpotHttp;
import io.regla.adapters.hubspot.crm.HubSpotCrm;
import io.regla.adapters.hubspot.email.HubSpotMailer;
import io.regla.adapters.hubspot.webhook.SignatureV3;
import io.regla.core.Regla;
import io.regla.rules.advising.Enrolment;
import io.regla.rules.advising.Notices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Serves {@link HubSpotWebhookRoute} in {@code regla serve} when HubSpot is configured in the environment:
 * {@code HUBSPOT_TOKEN} (private app), {@code HUBSPOT_APP_SECRET} (signs the webhooks) and {@code REGLA_PUBLIC_URL}
 * (the URL HubSpot calls, which it signs; {@code regla serve} sets it to its own when not set); with
 * {@code HUBSPOT_ENROLMENT_EMAIL_ID} (the enrolment e-mail) it also routes the deals a workflow's webhook names. Without them the route is off and the server says so once.
 */
public final class HubSpotWebhookRouteFactory implements RouteModuleFactory {

    /** Optional: {@code task}, {@code email} (default) or {@code both}, as {@code regla advising sync --notice}. */
    static final String NOTICE = "HUBSPOT_NOTICE";
    /** The HubSpot e-mail id of the internal notice template ({@code Aviso interno}). */
    static final String NOTICE_EMAIL_ID = "HUBSPOT_NOTICE_EMAIL_ID";
    static final List<String> REQUIRED = List.of(HubSpotConfig.ENV_TOKEN, "HUBSPOT_APP_SECRET", "REGLA_PUBLIC_URL");
    /**
     * Optional: without it the route still moves contacts who change faculty (no enrolment e-mail goes with that), and
     * leaves the deals a workflow's webhook names to {@code regla advising sync}.
     */
    static final String ENROLMENT_EMAIL_ID = "HUBSPOT_ENROLMENT_EMAIL_ID";
    private static final Logger log = LoggerFactory.getLogger(HubSpotWebhookRouteFactory.class);

    @Override
    public List<RouteModule> create(ServeContext context) {
        List<String> missing = REQUIRED.stream().filter(n -> context.env(n).isEmpty()).toList();
        if (!missing.isEmpty()) {
            log.info("HubSpot webhook {} is off: set {}", HubSpotWebhookRoute.PATH, String.join(", ", missing));
            return List.of();
        }
        Long emailId;
        URI publicUrl;
        try {
            emailId = context.env(ENROLMENT_EMAIL_ID).map(Long::parseLong).orElse(null);
            publicUrl = URI.create(context.env("REGLA_PUBLIC_URL").orElseThrow());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HubSpot webhook configuration: " + e.getMessage(), e);
        }
        if (emailId == null) {
            log.warn("HubSpot webhook: {} is not set: contacts who change faculty are moved here, deals named by a workflow's "
                    + "webhook are left to `regla advising sync`", ENROLMENT_EMAIL_ID);
        }
        HubSpotHttp http = new HubSpotHttp(HubSpotConfig.fromEnvironment(context.environment()));
        NoticeChannel notice = NoticeChannel.parse(context.env(NOTICE).orElse("email"));
        Map<String, Long> templates = new java.util.HashMap<>();
        if (emailId != null) templates.put(Enrolment.TEMPLATE, emailId);
        if (notice.emails()) {
            java.util.Optional<String> noticeId = context.env(NOTICE_EMAIL_ID);
            if (noticeId.isPresent()) {
                templates.put(Notices.EMAIL_TEMPLATE, Long.parseLong(noticeId.get()));
            } else {
                // Never lose a notice for want of a template: tasks until the internal e-mail is configured.
                log.warn("HubSpot webhook: notices go as tasks; set {} (the internal e-mail's id) to send them as e-mail", NOTICE_EMAIL_ID);
                notice = NoticeChannel.TASK;
            }
        }
        // The advising rules compile on first use in this engine; the server's own engine serves the nursery.
        AdvisingSync sync = new AdvisingSync(Regla.builder().bundledRules().clock(context.clock()).build(),
                new HubSpotCrm(http), new HubSpotMailer(http, templates),
                context.store(), context.clock(), AdvisingSync.Properties.defaults(), notice);
        SignatureV3 signature = new SignatureV3(context.env("HUBSPOT_APP_SECRET").orElseThrow(), context.clock());
        log.info("HubSpot webhook on {} (signed for {})", HubSpotWebhookRoute.PATH, publicUrl);
        return List.of(new HubSpotWebhookRoute(new WorkflowWebhook(signature), sync, publicUrl, emailId != null));
    }
}
