package io.regla.adapters.mailchimp.marketing;

import io.regla.api.PersonalData;
import io.regla.api.spi.DeliveryException;
import io.regla.api.spi.Mailer;
import io.regla.api.spi.OutgoingEmail;
import io.regla.api.spi.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends marketing-side e-mails (the adaptation survey) through a Mailchimp Customer Journey: upserts the recipient
 * into the audience, triggers the journey step configured for the template, then tags the member with
 * {@link #sentTag(String)} so {@link #lookup} can tell later that this key went out.
 *
 * <p>Mailchimp has no idempotency key here. The tag is applied after the trigger, so a crash between the two
 * makes {@code lookup} answer "not sent" and a retry triggers again; Customer Journeys let a contact enter a
 * journey once by default, which absorbs that rare repeat. A failure to tag after a successful trigger is only
 * logged: the mail went out, and reporting a failure would make the outbox send it again.
 */
public final class MailchimpJourneyMailer implements Mailer {

    /** Where a template's e-mail starts: a journey and its API-trigger step. */
    public record JourneyStep(String journeyId, String stepId) {
        public JourneyStep {
            Objects.requireNonNull(journeyId, "journeyId");
            Objects.requireNonNull(stepId, "stepId");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(MailchimpJourneyMailer.class);

    private final MailchimpMarketingClient client;
    private final String listId;
    private final Map<String, JourneyStep> stepsByTemplate;
    private final ContactStatus statusIfNew;
    private final Map<String, String> mergeTags;

    private MailchimpJourneyMailer(Builder b) {
        this.client = Objects.requireNonNull(b.client, "client");
        this.listId = Objects.requireNonNull(b.listId, "listId");
        this.statusIfNew = Objects.requireNonNull(b.statusIfNew,
                "statusIfNew: decide what a contact Mailchimp does not know yet becomes (consent matters)");
        this.stepsByTemplate = Map.copyOf(b.steps);
        this.mergeTags = Map.copyOf(b.mergeTags);
    }

    public static Builder builder(MailchimpMarketingClient client, String listId) {
        return new Builder(client, listId);
    }

    @Override
    public String name() {
        return "mailchimp-journey";
    }

    @Override
    public boolean idempotent() {
        return false;
    }

    @Override
    public SendResult send(OutgoingEmail email) {
        JourneyStep step = stepsByTemplate.get(email.template());
        if (step == null) {
            throw DeliveryException.permanent("NO_JOURNEY", "no Customer Journey is configured for template " + email.template()
                    + " (configured: " + stepsByTemplate.keySet() + ")");
        }
        Map<String, String> merge = new HashMap<>();
        mergeTags.forEach((field, tag) -> {
            if (email.mergeFields().containsKey(field)) {
                merge.put(tag, email.mergeFields().get(field));
            }
        });
        MemberResult member = client.upsertMember(listId, MemberUpsert.of(email.to(), statusIfNew, merge));
        switch (member.outcome()) {
            case INVALID_ADDRESS:
                return new SendResult(SendResult.Status.REJECTED, member.subscriberHash(), "invalid");
            case IN_COMPLIANCE_STATE:
                return new SendResult(SendResult.Status.REJECTED, member.subscriberHash(), member.status().wire());
            default:
                if (member.status() == ContactStatus.UNSUBSCRIBED || member.status() == ContactStatus.CLEANED) {
                    return new SendResult(SendResult.Status.REJECTED, member.subscriberHash(), member.status().wire());
                }
        }
        client.triggerJourney(step.journeyId(), step.stepId(), email.to());
        try {
            client.updateTags(listId, email.to(), List.of(TagChange.add(sentTag(email.key()))));
        } catch (DeliveryException e) {
            log.warn("journey {} triggered for key {} ({}) but tagging failed, so lookup will not see it: {}",
                    step.journeyId(), email.key(), PersonalData.maskEmail(email.to()), e.getMessage());
        }
        return new SendResult(SendResult.Status.ACCEPTED, member.subscriberHash(),
                "journey " + step.journeyId() + " step " + step.stepId());
    }

    @Override
    public Optional<SendResult> lookup(String key) {
        String tag = sentTag(key);
        return client.tagExists(listId, tag)
                ? Optional.of(new SendResult(SendResult.Status.ACCEPTED, tag, "tagged"))
                : Optional.empty();
    }

    /**
     * The tag marking a sent key: {@code regla:} and 24 hex digits of the key's SHA-256. Fixed length, so
     * Mailchimp's prefix tag search cannot confuse one key with a longer one.
     */
    public static String sentTag(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "regla:" + HexFormat.of().formatHex(digest).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    public static final class Builder {
        private final MailchimpMarketingClient client;
        private final String listId;
        private final Map<String, JourneyStep> steps = new LinkedHashMap<>();
        private final Map<String, String> mergeTags = new LinkedHashMap<>();
        private ContactStatus statusIfNew;

        private Builder(MailchimpMarketingClient client, String listId) {
            this.client = client;
            this.listId = listId;
        }

        /** The journey step that sends {@code template}. */
        public Builder journey(String template, String journeyId, String stepId) {
            steps.put(template, new JourneyStep(journeyId, stepId));
            return this;
        }

        /** Status of a contact Mailchimp does not know yet; required, because it decides consent. */
        public Builder statusIfNew(ContactStatus status) {
            this.statusIfNew = status;
            return this;
        }

        /**
         * Forwards a merge field of the e-mail to an audience merge tag. Only mapped fields are sent: Mailchimp
         * refuses a member whose merge fields the audience does not define.
         */
        public Builder mergeField(String field, String audienceTag) {
            mergeTags.put(field, audienceTag);
            return this;
        }

        public MailchimpJourneyMailer build() {
            return new MailchimpJourneyMailer(this);
        }
    }
}
