package io.regla.adapters.mailchimp.reports;

import java.time.Instant;

/**
 * One report sync round.
 *
 * @param since      campaigns sent since this time were read
 * @param campaigns  campaign reports read
 * @param recipients per-recipient activity rows read, all campaigns together
 * @param requests   Mailchimp pages read
 */
public record ReportSyncReport(Instant since, int campaigns, int recipients, int requests) {

    public String summary() {
        return "campaign reports sent since " + since + ": " + campaigns + " campaigns, " + recipients
                + " recipients (" + requests + " pages read)";
    }
}
