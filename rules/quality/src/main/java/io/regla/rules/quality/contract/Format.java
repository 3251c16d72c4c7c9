package io.regla.rules.quality.contract;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** The named formats a string field can be checked against ({@code format: email}). */
public enum Format {
    EMAIL, UUID, DATE, DATETIME;

    private static final Pattern EMAIL_PATTERN =
            Pattern.compile("^[A-Za-z0-9._%+\\-']+@[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}$");
    private static final Pattern UUID_PATTERN =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    public static Format of(String name) {
        for (Format f : values()) {
            if (f.name().equalsIgnoreCase(name)) return f;
        }
        return null;
    }

    public boolean matches(String text) {
        return switch (this) {
            case EMAIL -> EMAIL_PATTERN.matcher(text).matches();
            case UUID -> UUID_PATTERN.matcher(text).matches();
            case DATE -> parses(() -> LocalDate.parse(text));
            case DATETIME -> parses(() -> FieldType.instant(text, ZoneOffset.UTC));
        };
    }

    private static boolean parses(Runnable r) {
        try {
            r.run();
            return true;
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            return false;
        }
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
