package io.regla.adapters.mailchimp.webhook;

import io.regla.api.PersonalData;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Mandrill message event from a webhook batch.
 *
 * @param event     Mandrill's event name: {@code send, deferral, hard_bounce, soft_bounce, open, click, spam,
 *                  unsub, reject} (kept as sent, so a new kind of event is recorded rather than lost)
 * @param ts        when it happened
 * @param messageId Mandrill's message {@code _id} (one per recipient), the {@code providerId} of the send
 * @param email     the recipient, or null if Mandrill did not say
 * @param template  the template: our {@code regla_template} metadata, else Mandrill's {@code msg.template}, else null
 * @param tags      the message's tags
 * @param outboxKey the {@code regla_key} metadata the send attached, or null for mail Regla did not send
 * @param subjectId the {@code regla_subject} metadata, or null
 * @param url       the clicked link for a {@code click}, else null
 * @param metadata  all of the message's metadata, as text
 */
public record MandrillEvent(String event, Instant ts, String messageId, String email, String template, List<String> tags,
                            String outboxKey, String subjectId, String url, Map<String, String> metadata) {

    public static final String SEND = "send";
    public static final String DEFERRAL = "deferral";
    public static final String HARD_BOUNCE = "hard_bounce";
    public static final String SOFT_BOUNCE = "soft_bounce";
    public static final String OPEN = "open";
    public static final String CLICK = "click";
    public static final String SPAM = "spam";
    public static final String UNSUB = "unsub";
    public static final String REJECT = "reject";

    public MandrillEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(messageId, "messageId");
        tags = tags == null ? List.of() : List.copyOf(tags);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public boolean isBounce() {
        return HARD_BOUNCE.equals(event) || SOFT_BOUNCE.equals(event);
    }

    /** Masks the recipient: events end up in logs. */
    @Override
    public String toString() {
        return "MandrillEvent[event=" + event + ", ts=" + ts + ", messageId=" + messageId + ", email="
                + PersonalData.maskEmail(email) + ", template=" + template + ", tags=" + tags + ", outboxKey=" + outboxKey
                + ", subjectId=" + subjectId + "]";
    }
}
