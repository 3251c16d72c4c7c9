package io.regla.rules.quality.source;

import io.regla.rules.quality.contract.ContractException;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/**
 * A query's rows, streamed with a bounded fetch size (PostgreSQL streams only outside auto-commit, so the reader
 * switches it off; it only reads). Columns match contract fields by label, ignoring case, since H2 and Oracle
 * upper-case unquoted aliases. Drivers come from the classpath (plain {@link DriverManager}).
 */
final class JdbcRowReader implements RowReader {

    private final String name;
    private final Connection connection;
    private final Statement statement;
    private final ResultSet rows;
    private final int[] columns;

    JdbcRowReader(String url, String user, String password, String query, List<String> fields, String dataset) {
        this.name = url;
        Connection c = null;
        try {
            c = DriverManager.getConnection(url, user, password);
            c.setAutoCommit(false);
            c.setReadOnly(true);
            Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            st.setFetchSize(1000);
            ResultSet rs = st.executeQuery(query);
            ResultSetMetaData md = rs.getMetaData();
            int[] cols = new int[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                cols[i] = -1;
                for (int j = 1; j <= md.getColumnCount(); j++) {
                    if (md.getColumnLabel(j).toLowerCase(Locale.ROOT).equals(fields.get(i).toLowerCase(Locale.ROOT))) cols[i] = j;
                }
                if (cols[i] < 0) {
                    rs.close();
                    throw new ContractException(dataset + ": the query gives no column '" + fields.get(i)
                            + "' (alias it: ... AS \"" + fields.get(i) + "\")");
                }
            }
            this.connection = c;
            this.statement = st;
            this.rows = rs;
            this.columns = cols;
        } catch (SQLException e) {
            closeQuietly(c);
            throw new ContractException(dataset + ": cannot read " + url + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    @Override
    public String[] next() {
        try {
            if (!rows.next()) return null;
            String[] out = new String[columns.length];
            for (int i = 0; i < columns.length; i++) out[i] = text(rows.getObject(columns[i]));
            return out;
        } catch (SQLException e) {
            throw new ContractException(name + ": reading a row failed: " + e.getMessage(), e);
        }
    }

    /** The text a CSV export would hold: ISO dates and times, plain numbers. */
    static String text(Object v) {
        if (v == null) return null;
        if (v instanceof String s) return s;
        if (v instanceof BigDecimal d) return d.toPlainString();
        if (v instanceof Double || v instanceof Float) return new BigDecimal(v.toString()).toPlainString();
        if (v instanceof Timestamp t) return t.toLocalDateTime().toString();
        if (v instanceof java.sql.Date d) return d.toLocalDate().toString();
        if (v instanceof OffsetDateTime o) return o.toString();
        if (v instanceof java.sql.Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (SQLException e) {
                throw new ContractException("cannot read a text column: " + e.getMessage(), e);
            }
        }
        return v.toString();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        try {
            rows.close();
            statement.close();
        } catch (SQLException ignored) {
            // read-only
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // nothing was written
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // already gone
        }
    }
}
