package io.regla.adapters.mailchimp.reports;

import io.regla.api.PersonalData;

import java.time.Instant;

/**
 * What one recipient did with one campaign e-mail ({@code GET /reports/{campaign_id}/email-activity}): who really
 * received it (no bounce), opened and clicked it. Kept under {@code <campaign id>#<email id>}.
 *
 * @param emailId    Mailchimp's member hash (MD5 of the lower-cased address)
 * @param bounceType {@code hard} or {@code soft} if it bounced, else null
 * @param opens      open events recorded (Mailchimp keeps at most 1,000)
 * @param clicks     click events recorded
 * @param firstOpen  the first open, or null
 */
public record CampaignRecipient(String campaignId, String emailId, @PersonalData.Field String email, String bounceType,
                                int opens, int clicks, Instant firstOpen) {

    public boolean bounced() {
        return bounceType != null;
    }

    public String storeId() {
        return campaignId + "#" + emailId;
    }
}
