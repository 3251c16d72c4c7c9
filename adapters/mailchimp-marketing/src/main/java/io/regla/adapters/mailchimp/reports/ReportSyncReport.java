package io.regla.adapters.mailchimp.reports;

import java.time.Instant;
import java.util.List;

/**
 * One report sync round.
 *
 * @param since      campaigns sent since this time were listed; null when the campaigns were named
 * @param campaigns  campaign reports read
 * @param recipients per-recipient activity rows read, all campaigns together
 * @param requests   Mailchimp pages read
 * @param named      the campaign ids asked for by name (empty: listed)
 * @param notFound   of those, the ones Mailchimp answered 404 Resource Not Found for (skipped)
 */
public record ReportSyncReport(Instant since, int campaigns, int recipients, int requests, List<String> named,
                               List<String> notFound) {

    public ReportSyncReport {
        named = List.copyOf(named);
        notFound = List.copyOf(notFound);
    }

    /** A listed round. */
    public ReportSyncReport(Instant since, int campaigns, int recipients, int requests) {
        this(since, campaigns, recipients, requests, List.of(), List.of());
    }

    public String summary() {
        String read = campaigns + " campaigns, " + recipients + " recipients (" + requests + " pages read)";
        if (named.isEmpty()) {
            return "campaign reports sent since " + since + ": " + read;
        }
        return "campaign reports of " + named.size() + " named campaigns: " + read + (notFound.isEmpty() ? ""
                : "; not found at Mailchimp (404 Resource Not Found), skipped: " + String.join(", ", notFound));
    }
}
