package io.regla.rules.quality.source;

/**
 * Reads a dataset record by record, never all at once: each call to {@link #next()} gives one record's values as
 * text, aligned with the contract's fields (null when the value is missing). Text is the common ground of CSV files
 * and database columns: a JDBC reader writes dates, timestamps and numbers in ISO / plain form.
 */
public interface RowReader extends AutoCloseable {

    /** The next record's values in contract field order, or null after the last one. */
    String[] next();

    /** How messages name this source ({@code admissions.csv}, {@code jdbc:h2:mem:erp}). */
    String name();

    @Override
    void close();
}
