package io.regla.adapters.store.jdbc;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * Many rows into one table in one round trip, inside the caller's transaction: PostgreSQL's
 * {@code COPY … FROM STDIN} (CSV) through the driver's CopyManager, a JDBC batch of inserts elsewhere (H2).
 * The CRM migration's loads and its replayed ledgers go this way.
 */
final class BulkInsert {

    private BulkInsert() {
    }

    /** @param rows values in column order; null is SQL NULL */
    static void insert(Connection c, boolean postgres, String table, String columns, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) return;
        if (postgres) {
            copy(c, table, columns, rows);
            return;
        }
        int n = rows.get(0).length;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + columns + ") VALUES ("
                + String.join(", ", Collections.nCopies(n, "?")) + ")")) {
            for (Object[] row : rows) {
                Jdbc.bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void copy(Connection c, String table, String columns, List<Object[]> rows) throws SQLException {
        StringBuilder csv = new StringBuilder(rows.size() * 96);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) csv.append(',');
                Object v = row[i];
                if (v == null) continue; // unquoted empty: NULL in COPY's CSV format ("" is the empty string)
                String s = v instanceof BigDecimal d ? d.toPlainString() : v.toString();
                csv.append('"').append(s.replace("\"", "\"\"")).append('"');
            }
            csv.append('\n');
        }
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + columns + ") FROM STDIN WITH (FORMAT csv)",
                    new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + ": " + e.getMessage(), e);
        }
    }
}
