package io.regla.rules.mailing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a template's merge fields from name/value pairs, leaving out values that are absent. */
public final class MergeFields {

    private MergeFields() {
    }

    public static Map<String, String> of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("merge fields come in name/value pairs");
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value != null) out.put(String.valueOf(namesAndValues[i]), String.valueOf(value));
        }
        return out;
    }
}
