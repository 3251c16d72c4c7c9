package io.regla.adapters.mailchimp.marketing;

import io.regla.api.PersonalData;

import java.util.Map;
import java.util.Objects;

/**
 * One audience member to add or update.
 *
 * @param email       the address (its lower-cased MD5 is the member id)
 * @param statusIfNew status for a member Mailchimp does not know yet
 * @param status      status to force on an existing member, or null (the default) to leave an existing member's
 *                    status alone: overwriting it could re-subscribe someone who unsubscribed
 * @param mergeFields merge field tags and values ({@code FNAME}, ...)
 * @param language    the member's language code, or null
 */
public record MemberUpsert(String email, ContactStatus statusIfNew, ContactStatus status, Map<String, String> mergeFields,
                           String language) {

    public MemberUpsert {
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException("member email is missing");
        }
        Objects.requireNonNull(statusIfNew, "statusIfNew");
        mergeFields = mergeFields == null ? Map.of() : Map.copyOf(mergeFields);
    }

    public static MemberUpsert of(String email, ContactStatus statusIfNew, Map<String, String> mergeFields) {
        return new MemberUpsert(email, statusIfNew, null, mergeFields, null);
    }

    /** Explicitly overwrites an existing member's status too. */
    public MemberUpsert withStatus(ContactStatus forced) {
        return new MemberUpsert(email, statusIfNew, forced, mergeFields, language);
    }

    public MemberUpsert withLanguage(String languageCode) {
        return new MemberUpsert(email, statusIfNew, status, mergeFields, languageCode);
    }

    @Override
    public String toString() {
        return "MemberUpsert[email=" + PersonalData.maskEmail(email) + ", statusIfNew=" + statusIfNew + ", status=" + status
                + ", mergeFields=" + mergeFields.keySet() + ", language=" + language + "]";
    }
}
