package io.regla.rules.quality.contract;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One field of a contract.
 *
 * @param name       the column (CSV header or query column label)
 * @param type       its type
 * @param required   missing or blank is a REQUIRED finding
 * @param pattern    a regular expression the whole text must match, or null
 * @param format     a named format, or null
 * @param enumValues the allowed values, or empty
 * @param min        lower bound (numbers: value; date/datetime: ISO text; string: length), or null
 * @param max        upper bound, or null
 * @param references {@code dataset.field} the value must exist in, or null
 * @param personal   whether values are personal data (masked in every message and report)
 */
public record Field(String name, FieldType type, boolean required, Pattern pattern, Format format, List<String> enumValues,
                    Object min, Object max, Reference references, boolean personal) {

    /** Default personal fields when the contract does not say: e-mails, documents and phones by name or format. */
    private static final Set<String> PERSONAL_WORDS = Set.of("email", "mail", "correo", "document", "documento",
            "phone", "telefono", "teléfono", "cpf", "rut", "dni", "passport", "pasaporte");

    public Field {
        enumValues = List.copyOf(enumValues);
    }

    /** {@code dataset.field} of a reference. */
    public record Reference(String dataset, String field) {
        @Override
        public String toString() {
            return dataset + "." + field;
        }
    }

    /** The default of {@code personal:} for a field whose contract does not say. */
    public static boolean personalByDefault(String name, Format format) {
        if (format == Format.EMAIL) return true;
        String lower = name.toLowerCase(Locale.ROOT);
        return PERSONAL_WORDS.stream().anyMatch(lower::contains);
    }

    /** Compares two typed values of this field's type (numbers, dates, instants, strings). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Comparator<Object> ORDER = (a, b) -> ((Comparable) a).compareTo(b);
}
