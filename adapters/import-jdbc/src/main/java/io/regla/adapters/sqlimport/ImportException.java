package io.regla.adapters.sqlimport;

import io.regla.api.ReglaException;

/**
 * An import failed and wrote nothing: the query failed, or a row does not map onto the fact type
 * (the message names the row number, 1-based in query order, and the column; never the value, which
 * may be personal data).
 */
public class ImportException extends ReglaException {

    private final int row;
    private final String column;

    public ImportException(String message, int row, String column, Throwable cause) {
        super(message, cause);
        this.row = row;
        this.column = column;
    }

    /** The failing row (1-based), or 0 if the query itself failed. */
    public int row() {
        return row;
    }

    /** The failing column, or null. */
    public String column() {
        return column;
    }
}
