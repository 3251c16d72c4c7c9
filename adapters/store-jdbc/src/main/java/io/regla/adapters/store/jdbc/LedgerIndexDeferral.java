package io.regla.adapters.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger's plain (non-unique) indexes dropped while the CRM migration's replay appends ledgers, and built once
 * after it (V92, table {@code regla_deferred_index}). On H2 the entries' expiry index took a random B-tree insert per
 * accrual and made every chunk's commit rewrite pages all over it: appending a 30,000-member replay cost 2 x the thread
 * CPU and 2.2 x the process CPU with it than without, and building it afterwards took 0.7 s of the 1.9 s of thread CPU
 * it saved (benchmarks/README.md, "Loyalty migration, session 6"). Unique indexes (the primary keys) are never dropped: they are what refuses a posting
 * appended twice.
 *
 * <p>Resumable: each index's row is committed before the index is dropped and deleted only once the index exists again
 * ({@code CREATE INDEX IF NOT EXISTS}), so a run killed anywhere leaves in the table exactly what must still be built,
 * and {@link #restore} builds it on the next run. Meanwhile every query stays correct (without the index, slower).
 * Which indexes is read from the schema, so a migration that changes one needs no change here.
 */
final class LedgerIndexDeferral {

    /** The tables whose plain indexes the replay's appends maintain for nothing (the replay never reads them). */
    static final List<String> TABLES = List.of("regla_ledger_entry", "regla_ledger_posting");

    private final Jdbc jdbc;
    private final boolean postgres;

    LedgerIndexDeferral(Jdbc jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
    }

    /** Records then drops each plain index of {@link #TABLES} that exists; an index recorded by a killed run is left as is. */
    void defer() {
        Map<String, String[]> found = jdbc.call("read the ledger's indexes", this::plainIndexes);
        for (Map.Entry<String, String[]> e : found.entrySet()) {
            String name = e.getKey();
            // the row first, in its own transaction: a run killed right after it still knows the index is to be built
            jdbc.transaction("record the deferred index " + name, c -> {
                try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT 1 FROM regla_deferred_index WHERE index_name = ?"), name);
                     ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) return null;
                }
                try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(
                        "INSERT INTO regla_deferred_index (index_name, table_name, create_sql) VALUES (?, ?, ?)"), name, e.getValue()[0], e.getValue()[1])) {
                    ps.executeUpdate();
                }
                return null;
            });
            jdbc.call("drop the index " + name + " for the replay", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP INDEX IF EXISTS " + name);
                }
                return null;
            });
        }
    }

    /** Builds every recorded index (one statement each, sorting the table once) and forgets it; nothing recorded: nothing done. */
    void restore() {
        for (Map.Entry<String, String> e : recorded().entrySet()) {
            jdbc.call("build the index " + e.getKey() + " after the replay", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute(e.getValue());
                }
                return null;
            });
            jdbc.transaction("forget the deferred index " + e.getKey(), c -> {
                try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("DELETE FROM regla_deferred_index WHERE index_name = ?"), e.getKey())) {
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    /** The indexes recorded and not yet built again, by name: a run under way's, or what a killed run left. */
    List<String> pending() {
        return List.copyOf(recorded().keySet());
    }

    /** Index name -> the statement that builds it, in name order. */
    private Map<String, String> recorded() {
        return jdbc.call("read the deferred indexes", c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT index_name, create_sql FROM regla_deferred_index ORDER BY index_name")) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        });
    }

    /** Index name -> {table, statement that creates it if missing}, for the non-unique indexes of {@link #TABLES}. */
    private Map<String, String[]> plainIndexes(Connection c) throws SQLException {
        Map<String, String[]> out = new LinkedHashMap<>();
        if (postgres) {
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT i.indexname, i.tablename, i.indexdef FROM pg_indexes i "
                    + "WHERE i.schemaname = current_schema() AND i.tablename IN (?, ?) AND i.indexdef NOT LIKE 'CREATE UNIQUE %' "
                    + "ORDER BY i.indexname"), TABLES.toArray()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String def = rs.getString(3);
                    if (!def.startsWith("CREATE INDEX ")) continue; // nothing this code could rebuild as it was
                    out.put(rs.getString(1), new String[]{rs.getString(2), "CREATE INDEX IF NOT EXISTS " + def.substring("CREATE INDEX ".length())});
                }
            }
            return out;
        }
        return H2PlainIndexes.of(c, TABLES);
    }
}
