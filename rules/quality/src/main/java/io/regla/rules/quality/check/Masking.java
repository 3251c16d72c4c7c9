package io.regla.rules.quality.check;

import io.regla.api.PersonalData;
import io.regla.rules.quality.contract.Contract;
import io.regla.rules.quality.contract.Field;
import io.regla.rules.quality.contract.Format;

import java.util.List;

/**
 * Masks personal data before it reaches a finding, a report or a log line. A field is personal when its contract
 * says {@code personal: true}, or by default when its format is email or its name speaks of an e-mail, a document
 * or a phone (see {@link Field#personalByDefault}). An e-mail keeps its first character and domain
 * ({@code a***@example.com}); any other value keeps its first character ({@code J***}).
 */
public final class Masking {

    private Masking() {
    }

    public static String mask(Field field, String value) {
        if (value == null || !field.personal()) return value;
        return maskValue(value, field.format() == Format.EMAIL || value.indexOf('@') > 0);
    }

    public static String maskValue(String value, boolean email) {
        if (value == null || value.isEmpty()) return value;
        if (email) return PersonalData.maskEmail(value);
        return value.charAt(0) + "***";
    }

    /** A record's key as findings show it: masked when a key field is personal. */
    public static String key(Contract contract, String key) {
        return contract.personalKey() ? maskValue(key, false) : key;
    }

    /**
     * Masks, in a free text written by a rule, every value of the record's personal fields and every e-mail
     * address: an analyst's message may well quote the customer's name.
     *
     * @param personalValues the record's personal values as text (field order of {@code personalFields})
     */
    public static String maskText(String text, List<Field> personalFields, String[] personalValues) {
        if (text == null) return null;
        String out = text;
        for (int i = 0; i < personalFields.size(); i++) {
            String v = personalValues[i];
            if (v == null || v.length() < 2) continue;
            out = out.replace(v, mask(personalFields.get(i), v));
        }
        return PersonalData.maskEmailsIn(out);
    }
}
