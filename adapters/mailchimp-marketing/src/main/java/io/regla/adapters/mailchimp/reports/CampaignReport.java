package io.regla.adapters.mailchimp.reports;

import java.time.Instant;

/**
 * Mailchimp's summary of one sent campaign or journey e-mail ({@code GET /reports/{campaign_id}} or {@code GET /reports}), as read. Kept in the store
 * under the campaign id.
 *
 * @param type      Mailchimp's campaign type ({@code regular}, {@code automation-email}, ...)
 * @param openRate  Mailchimp's own {@code opens.open_rate} (unique opens ÷ successful deliveries)
 * @param clickRate Mailchimp's own {@code clicks.click_rate}
 * @param unsubscribed Mailchimp's {@code unsubscribed}: recipients who unsubscribed from this e-mail
 */
public record CampaignReport(String campaignId, String title, String type, String subjectLine, Instant sendTime,
                             long emailsSent, long hardBounces, long softBounces, long uniqueOpens, double openRate,
                             long uniqueClicks, double clickRate, long unsubscribed) {
}
