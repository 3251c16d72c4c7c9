package io.regla.adapters.http.mandrill;

import io.regla.adapters.http.Role;
import io.regla.adapters.http.RouteModule;
import io.regla.adapters.http.RouteModuleFactory;
import io.regla.adapters.http.ServeContext;
import io.regla.adapters.http.nursery.NurseryModule;
import io.regla.adapters.mailchimp.metrics.DeliveryEventLog;
import io.regla.adapters.mailchimp.webhook.MandrillWebhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Serves {@link MandrillModule} when {@code MANDRILL_WEBHOOK_KEY} is set; its signature covers
 * {@code MANDRILL_WEBHOOK_URL} (default: {@code REGLA_PUBLIC_URL + /webhooks/mandrill}).
 */
public final class MandrillModuleFactory implements RouteModuleFactory {

    public static final String ENV_WEBHOOK_KEY = "MANDRILL_WEBHOOK_KEY";
    public static final String ENV_WEBHOOK_URL = "MANDRILL_WEBHOOK_URL";
    /** Set by {@code regla serve} to the URL it listens on when not set outside. */
    public static final String ENV_PUBLIC_URL = "REGLA_PUBLIC_URL";
    private static final Logger LOG = LoggerFactory.getLogger(MandrillModuleFactory.class);

    @Override
    public List<RouteModule> create(ServeContext context) {
        var key = context.env(ENV_WEBHOOK_KEY);
        if (key.isEmpty()) {
            LOG.info("{} is not set: the Mandrill webhook {} and {} are not served", ENV_WEBHOOK_KEY,
                    MandrillModule.WEBHOOK, MandrillModule.METRICS);
            return List.of();
        }
        String url = context.env(ENV_WEBHOOK_URL).orElseGet(() -> context.env(ENV_PUBLIC_URL).orElse("http://127.0.0.1:8080")
                .replaceAll("/$", "") + MandrillModule.WEBHOOK);
        return List.of(new MandrillModule(new MandrillWebhook(key.get(), url), new DeliveryEventLog(context.store().facts(), context.zone()),
                Role.ADMIN, NurseryModule.DIRECTOR));
    }
}
