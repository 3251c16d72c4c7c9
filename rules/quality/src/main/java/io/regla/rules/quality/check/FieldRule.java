package io.regla.rules.quality.check;

import io.regla.rules.quality.contract.Field;
import io.regla.rules.quality.contract.FieldType;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;

/**
 * The built-in checks of one field, compiled once per dataset: REQUIRED, TYPE, PATTERN, FORMAT, ENUM, RANGE and
 * ORPHAN_REFERENCE, in that order; the first failing check is the field's finding (one finding per record and
 * field), so a value that fails TYPE gets no further checks.
 */
final class FieldRule {

    /** The outcome of checking one value: a check code and message, or none. */
    record Outcome(String check, String message) {
    }

    final Field field;
    final boolean required;
    private final ZoneId zone;
    private final Set<String> enumValues;
    private final FingerprintSet references;
    private final BigDecimal minNumber;
    private final BigDecimal maxNumber;
    /** Reused for every value: a matcher per value would be most of the pattern check's cost. */
    private final java.util.regex.Matcher matcher;

    /** Set by {@link #check}: the typed value, or null when missing or invalid. */
    Object typed;
    /** Set by {@link #check}: the canonical text of {@link #typed} when the profile or a reference needs it, else null. */
    String canonical;

    FieldRule(Field field, boolean required, ZoneId zone, FingerprintSet references) {
        this.field = field;
        this.required = required;
        this.zone = zone;
        this.enumValues = field.enumValues().isEmpty() ? null : new HashSet<>(field.enumValues());
        this.references = references;
        this.minNumber = field.min() instanceof BigDecimal d ? d : null;
        this.maxNumber = field.max() instanceof BigDecimal d ? d : null;
        this.matcher = field.pattern() == null ? null : field.pattern().matcher("");
    }

    /** Checks one raw value; null when it passes. Updates the profile when there is one (null: no profile kept). */
    Outcome check(String raw, ProfileBuilder profile) {
        typed = null;
        canonical = null;
        String text = raw == null ? null : raw.strip();
        if (text == null || text.isEmpty()) {
            if (profile != null) profile.missing();
            return required ? new Outcome(Check.REQUIRED, "falta el valor obligatorio de " + field.name()) : null;
        }
        Object value = field.type().parse(text, zone);
        if (value == FieldType.INVALID) {
            if (profile != null) profile.invalid();
            return new Outcome(Check.TYPE, quote(text) + " no es de tipo " + field.type().label());
        }
        typed = value;
        // the canonical text costs more than most checks (an instant's ISO text, a decimal without trailing zeros):
        // only for the profile and the reference lookup
        if (profile != null || references != null) canonical = FieldType.canonical(value);
        if (profile != null) profile.value(value, canonical);
        if (matcher != null && !matcher.reset(text).matches()) {
            return new Outcome(Check.PATTERN, quote(text) + " no coincide con el patrón " + field.pattern().pattern());
        }
        if (field.format() != null && !field.format().matches(text)) {
            return new Outcome(Check.FORMAT, quote(text) + " no tiene formato " + field.format().label());
        }
        if (enumValues != null && !enumValues.contains(text)) {
            return new Outcome(Check.ENUM, quote(text) + " no es uno de " + field.enumValues());
        }
        if (field.min() != null || field.max() != null) {
            Outcome range = range(text, value);
            if (range != null) return range;
        }
        if (references != null && !references.contains(canonical)) {
            return new Outcome(Check.ORPHAN_REFERENCE, quote(text) + " no existe en " + field.references());
        }
        return null;
    }

    private Outcome range(String text, Object value) {
        int belowMin, aboveMax;
        String what;
        switch (field.type()) {
            case INTEGER, DECIMAL -> {
                BigDecimal n = value instanceof Long l ? BigDecimal.valueOf(l) : (BigDecimal) value;
                belowMin = minNumber == null ? 1 : n.compareTo(minNumber);
                aboveMax = maxNumber == null ? -1 : n.compareTo(maxNumber);
                what = quote(text);
            }
            case STRING -> {
                BigDecimal len = BigDecimal.valueOf(text.length());
                belowMin = minNumber == null ? 1 : len.compareTo(minNumber);
                aboveMax = maxNumber == null ? -1 : len.compareTo(maxNumber);
                what = "el largo " + text.length() + " de " + quote(text);
            }
            default -> {
                belowMin = field.min() == null ? 1 : Field.ORDER.compare(value, field.min());
                aboveMax = field.max() == null ? -1 : Field.ORDER.compare(value, field.max());
                what = quote(text);
            }
        }
        if (belowMin < 0 || aboveMax > 0) {
            return new Outcome(Check.RANGE, what + " está fuera del rango [" + bound(field.min()) + ", " + bound(field.max()) + "]");
        }
        return null;
    }

    private static String bound(Object b) {
        return b == null ? "" : FieldType.canonical(b);
    }

    private String quote(String text) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return "'" + Masking.mask(field, shown) + "'";
    }
}
