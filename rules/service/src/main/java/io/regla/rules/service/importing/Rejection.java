package io.regla.rules.service.importing;

/**
 * A record the import did not take.
 *
 * @param file    the CSV file's name
 * @param line    the line the record starts on (the header is line 1)
 * @param key     the record's id as written (masked never: ids are not personal)
 * @param column  the CSV column the reason is about
 * @param check   the quality check code (REQUIRED, TYPE, PATTERN, FORMAT, ENUM, RANGE, DUPLICATE_KEY, ORPHAN_REFERENCE,
 *                SALE_AMOUNT_MISMATCH, CLOSED_BEFORE_STARTED) or CONVERSATION_REJECTED
 * @param message why, in Spanish, with personal values masked
 */
public record Rejection(String file, long line, String key, String column, String check, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + column + ": " + check + ": " + message;
    }
}
