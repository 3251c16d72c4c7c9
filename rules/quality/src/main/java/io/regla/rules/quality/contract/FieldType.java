package io.regla.rules.quality.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The types a contract field can have; {@link #parse} reads a value's text as the type. */
public enum FieldType {
    STRING, INTEGER, DECIMAL, BOOLEAN, DATE, DATETIME;

    /** What {@link #parse} returns for text that is not of the type. */
    public static final Object INVALID = new Object() {
        @Override
        public String toString() {
            return "INVALID";
        }
    };

    public static FieldType of(String name) {
        for (FieldType t : values()) {
            if (t.name().toLowerCase(Locale.ROOT).equals(name)) return t;
        }
        return null;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The typed value (String, Long, BigDecimal, Boolean, LocalDate, Instant) of non-blank trimmed text, or
     * {@link #INVALID}. A datetime without an offset is read in {@code zone}.
     */
    public Object parse(String text, ZoneId zone) {
        try {
            return switch (this) {
                case STRING -> text;
                case INTEGER -> Long.parseLong(text);
                case DECIMAL -> decimal(text);
                case BOOLEAN -> bool(text);
                case DATE -> IsoTime.date(text);
                case DATETIME -> instant(text, zone);
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            return INVALID;
        }
    }

    private static Object decimal(String text) {
        // BigDecimal also reads "1e3" and "Infinity"-free forms; a comma decimal separator is a TYPE problem.
        return new BigDecimal(text);
    }

    private static Object bool(String text) {
        if (text.equalsIgnoreCase("true")) return Boolean.TRUE;
        if (text.equalsIgnoreCase("false")) return Boolean.FALSE;
        return INVALID;
    }

    static Instant instant(String text, ZoneId zone) {
        return IsoTime.instant(text, zone);
    }

    /** Whether values of this type are ordered and summed as numbers. */
    public boolean numeric() {
        return this == INTEGER || this == DECIMAL;
    }

    /** A canonical text for comparisons across sources: 10.50 and 10.5 are the same decimal. */
    public static String canonical(Object typed) {
        if (typed instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        return typed.toString();
    }
}
