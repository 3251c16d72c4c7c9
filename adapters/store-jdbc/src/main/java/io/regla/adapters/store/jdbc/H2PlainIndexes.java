package io.regla.adapters.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * H2's plain (non-unique) indexes of some tables, read from the schema, each with the statement that creates it again:
 * what a bulk write drops first and builds once after (the service bulk load, the migration's replay). Read, not
 * listed, so a Flyway migration that changes an index needs no change in the code that defers it.
 */
final class H2PlainIndexes {

    private H2PlainIndexes() {
    }

    /** Quoted index name -> {table, {@code CREATE INDEX IF NOT EXISTS …} as it is defined now}, in index-name order. */
    static Map<String, String[]> of(Connection c, List<String> tables) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, String> tableOf = new LinkedHashMap<>();
        String marks = String.join(", ", Collections.nCopies(tables.size(), "?"));
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT i.INDEX_NAME, i.TABLE_NAME, k.COLUMN_NAME, k.ORDERING_SPECIFICATION"
                + " FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS k"
                + " ON k.INDEX_SCHEMA = i.INDEX_SCHEMA AND k.INDEX_NAME = i.INDEX_NAME"
                + " WHERE i.INDEX_TYPE_NAME = 'INDEX' AND i.TABLE_SCHEMA = SCHEMA() AND LOWER(i.TABLE_NAME) IN (" + marks + ")"
                + " ORDER BY i.INDEX_NAME, k.ORDINAL_POSITION"), tables.toArray()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String column = "\"" + rs.getString(3) + "\"" + ("DESC".equals(rs.getString(4)) ? " DESC" : "");
                columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(column);
                tableOf.put(rs.getString(1), rs.getString(2));
            }
        }
        Map<String, String[]> out = new LinkedHashMap<>();
        columns.forEach((name, cols) -> out.put("\"" + name + "\"", new String[]{tableOf.get(name),
                "CREATE INDEX IF NOT EXISTS \"" + name + "\" ON \"" + tableOf.get(name) + "\" (" + String.join(", ", cols) + ")"}));
        return out;
    }
}
